"""What hides a card from the study queue and its counts, as SQL over the cards table:
`memory_repair` repairs these cards, `keeper stats` asks first whether there are any."""

from __future__ import annotations

from trainer.core.memory_rules import EARLIEST, LATEST
from trainer.core.model import CardState
from trainer.storage.codecs import to_micros

_NEW = int(CardState.NEW)
_STATES = ", ".join(str(int(state)) for state in CardState)
# A state Keeper does not know, a studied card without a due time, a due time out of range;
# only the queue index is read.
HIDDEN = (
    f"state NOT IN ({_STATES}) OR (state != {_NEW} AND due IS NULL)"
    f" OR due < {to_micros(EARLIEST)} OR due >= {to_micros(LATEST)}"
)
