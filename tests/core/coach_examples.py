"""Example answers for the coach: the guides' pairs, a tuning set and two held-out sets.

One answer per "- " item (continued on indented lines). A weak item opens with the exact
rules it must trigger, nothing more and nothing less; strong answers and plain context
must trigger nothing. The held-out sets were written after tuning and are scored for
precision and recall rather than demanded rule by rule.
"""

from __future__ import annotations

import re

Example = tuple[str, frozenset[str]]
_ITEM = re.compile(r"^- ", re.MULTILINE)


def _answers(block: str) -> list[str]:
    """The items of a block, each joined back into one line."""
    return [" ".join(item.split()) for item in _ITEM.split(block.strip()) if item]


def _weak(block: str) -> list[Example]:
    """Items written "rule-a, rule-b: the answer"."""
    examples = []
    for item in _answers(block):
        rules, text = item.split(": ", 1)
        examples.append((text, frozenset(rules.split(", "))))
    return examples


# "Mistakes to Avoid" in the Netflix PMM guide (seeds/000), verbatim.
GUIDE_BAD: list[Example] = _weak(
    """
- seeking-permission: I would check with my manager to see if this is the right direction.
- seeking-permission: I would align with stakeholders to ensure we are on the same page before
  launching.
- framework: First, I'll do a SWOT analysis to understand the competitive landscape.
- team-credit: We managed to increase sign-ups by 10% through a collaborative effort.
"""
)
GUIDE_GOOD: list[str] = _answers(
    """
- Based on the data, I would pivot the strategy and inform the stakeholders of the change and the
  expected impact.
- The primary friction point for the user is X; I would solve this by changing the pricing trigger
  at step Y.
- I identified the drop-off in the onboarding flow and forced a redesign of the landing page, which
  drove the 10% increase.
- I increased ARPU by X.
"""
)

WEAK: list[Example] = _weak(
    """
- seeking-permission: Before committing budget to the Korea launch, I'd run the plan by my VP and
  get her sign-off on the positioning.
- seeking-permission: My first step would be to figure out who approves pricing changes, so I don't
  step on anyone's toes.
- seeking-permission: I waited for the green light from leadership before moving any spend into the
  new channel.
- seeking-permission: Honestly, I'd want to make sure everyone is aligned before we change the
  trial length.
- team-credit: We decided to sunset the legacy plan and we were able to keep most of the customers.
- team-credit, no-number: The team pulled off a great launch, and the ad tier grew faster than
  anyone expected.
- passive-voice: It was decided that we'd pause the campaign until Q3, which in hindsight cost us
  momentum.
- passive-voice, no-number: The pricing change was approved and implemented within a month, and
  churn was reduced.
- framework: To size the opportunity, I ran a Porter's Five Forces and a PESTLE on the Indian
  market.
- framework: My approach to any launch is the 4Ps: product, price, place and promotion, then I
  build the plan from there.
- framework: I structured the go-to-market around the AIDA model so every asset mapped to a funnel
  stage.
- vanity-metric: The trailer drop generated over 30 million impressions and a ton of buzz on
  TikTok.
- vanity-metric: Our campaign reach doubled and we picked up 200,000 new followers in a quarter.
- vanity-metric, no-number: Brand awareness went up significantly after the launch.
- no-number: The new onboarding improved retention and the results were really positive.
- no-number: After the redesign, conversion went up and support tickets dropped.
- hedging: I think maybe the pricing page was kind of the bottleneck, so I probably would have
  tested a cheaper tier first.
- hedging: I guess the bundle sort of worked, hopefully it helped with churn a bit.
- hedging: I'm not sure it was the right call, but I feel like the data supported cutting the free
  tier.
- waiting-for-data: I'd hold off on the launch until we have all the data from the Brazil test.
- waiting-for-data: We needed more research before deciding whether to enter the Japanese market.
- waiting-for-data: I wanted complete certainty on the forecast before I moved a dollar of budget.
- team-credit, no-number: We managed to hit our Q4 targets thanks to a great team effort across
  marketing and product.
- team-credit, no-number: I helped the growth team with the referral program, which increased
  sign-ups a lot.
- team-credit, passive-voice, no-number: Through a collaborative effort with sales, the partnership
  was delivered on time and drove strong results.
- passive-voice, no-number: Mistakes were made on the launch timing, and the campaign
  underperformed.
- seeking-permission, framework: In the interview I'd ask who signs off on the final messaging,
  then draft a RACI so roles are clear.
- framework, waiting-for-data: I'd do a SWOT first, then wait for the full research readout before
  choosing a segment.
- team-credit, vanity-metric: We grew Instagram followers by 40% and the video got 2M views, so I'd
  call it a big win.
- passive-voice, no-number: Sales were increased and costs were reduced, so the quarter was a
  success.
- passive-voice: Retention was flat, so it was agreed with leadership that we'd pause the
  experiment.
- team-credit: Long story short, the whole team came together and we delivered a launch everyone
  was proud of.
- vanity-metric, hedging: The feature was kind of a hit with creators, and we got tons of likes and
  shares.
- seeking-permission, hedging: If I'm honest, I'd probably escalate it to my director and let her
  make the call.
- vanity-metric, no-number: Our NPS improved and engagement on social was way up, so the rebrand
  clearly paid off.
- waiting-for-data: Before launching anything, we need to gather all the data and be 100% sure the
  segment is big enough.
- team-credit: I supported the launch of the annual plan, which the CMO decided on after months of
  research.
- team-credit: Ultimately we chose to go with a freemium model because the team felt it was the
  safest option.
- no-number: We saw retention improve over the next quarter once the new rows shipped.
- seeking-permission: I would present the options to leadership and let them decide.
- seeking-permission: I'd need my director to weigh in before moving forward with the bundle.
- vanity-metric: We got a ton of press and the hashtag trended for two days.
- waiting-for-data: Let's wait and see what the data says before we touch the price.
- waiting-for-data: I'd want to see a few more weeks of data before committing to a national
  launch.
- hedging: I think the lesson is that I should have tested in one province first.
- fishing-for-preference: Do you want me to go through the pricing side or the brand side first?
- fishing-for-preference: Any of the three plans could work, so I'm open to whatever direction
  suits the team here.
- passenger-excuse: The agency missed the deadline twice, which was out of my control, so the
  launch slipped to spring.
- passenger-excuse, no-number: We fell short of the goal because the product team cut the
  feature at the last minute.
"""
)

STRONG: list[str] = _answers(
    """
- I identified the drop-off in onboarding and forced a redesign of the landing page, which drove a
  10% increase in sign-ups.
- I didn't wait for approval: I moved 30% of the paid social budget into search on a Friday and
  told my VP on Monday with the first week's CAC.
- With about 60% of the data, I cut the free trial from 30 to 7 days; paid conversion rose from 18%
  to 23% in six weeks.
- The team I led shipped the referral loop in five weeks, and I set the kill metric: if CAC rose
  above $40 we'd stop. It stayed at $31 and referrals grew 14%.
- The campaign delivered 40 million impressions, and more importantly it lifted paid conversion 4%
  among lapsed members.
- I killed the SWOT deck my predecessor had started and spent the week on the one thing that
  mattered: 42% of trials abandoned at the payment step.
- I made the call to launch in Mexico first, even though my manager preferred Brazil, and Mexico
  reached payback in 7 months versus a 12-month plan.
- I priced the ad tier at $6.99 instead of $4.99 because our survey showed willingness to pay
  clustered at $7; ARPU landed 11% above forecast.
- I bet that bundling mobile games would reduce churn among families. It didn't: churn in that
  cohort stayed at 3.1%, and I shut the bundle down after eight weeks.
- I rewrote the cancellation flow to offer a pause option, and 22% of members who saw it paused
  instead of leaving, which saved roughly $1.8M a quarter.
- Rather than checking with my manager, I ran a two-week test on 5% of traffic and brought her the
  result: a 6% lift in plan upgrades.
- I told product the brief was wrong: the friction wasn't the feature, it was the price shown at
  step three, and moving it lifted checkout completion by 9 points.
- I chose to target lapsed members instead of new ones, since win-back cost a third of acquisition;
  we reactivated 180,000 members at $12 each.
- I cut the launch from six markets to two so the creative could be localized properly, and those
  two markets beat their sign-up forecast by 17%.
- When the forecast came in 25% below plan, I pulled the TV spend the same day and put it into
  creator partnerships, which cut CAC from $58 to $41.
- I pushed the launch two weeks to fix the trailer autoplay bug, because my analysis showed it
  drove 8% of early cancellations.
- I owned the decision and I own the miss: I launched the student plan with a 50% discount, and it
  cannibalized 12% of full-price sign-ups.
- I set a single success metric for the launch, trial-to-paid conversion, and told every partner
  team we'd ignore impressions.
- I noticed that 30% of support contacts were about password sharing, so I wrote the messaging for
  the extra-member fee and tested three versions before rollout.
- My decision was to drop the family plan discount; revenue per account rose 7% and churn held flat
  at 2.4%.
- I read the exit survey myself, found that 'nothing to watch' was the top reason, and reallocated
  $3M from acquisition to recommendations marketing.
- I stopped reporting reach to leadership and replaced it with incremental paid sign-ups, which
  turned a 'successful' campaign into a clear 15% loss.
- In week two the numbers looked bad, and I didn't wait for the full quarter's data: I rolled back
  the price test and protected 40,000 subscribers.
- The real friction was the sign-up form, so I cut it from nine fields to three and completion went
  from 41% to 63%.
- I went against the agency's recommendation and dropped the celebrity spot; the creator-led cut
  converted at 2.3x the cost efficiency.
- I forced a decision on the Canadian price increase in one meeting, launched it a week later, and
  held churn to 0.4 points above baseline.
- I chose to announce the password-sharing change by email instead of in-app, and that was wrong:
  open rates were fine but 9% more members cancelled in the first month.
- I gave the Ads team a one-page brief with one number on it: 2% of ad-tier members upgrading each
  month, and I tracked it weekly.
- I picked the riskier creative because the safer one tested 12% worse with under-35s, and I
  accepted that it might alienate older members.
- When legal pushed back on the claim, I rewrote it in an hour rather than escalate, and we
  launched on the original date.
- I spotted that Android users churned 2x faster after the first month and moved 40% of the
  retention budget to fix their playback issues.
- I own the miss on the Japan launch: I bet on anime-first positioning, sign-ups came in 35% under
  target, and I'd now test positioning in two cities before a national push.
- Based on the data, I would pivot the strategy to annual plans and tell stakeholders the change
  and the expected 5% lift in retention.
- I made the call with 60% of the data, launched to 10% of members, and owned the outcome when
  week-one retention came in 3 points low.
"""
)

# Plain context a story needs (the situation, the risk, a lesson): nothing to flag.
NEUTRAL: list[str] = _answers(
    """
- Netflix launched the ad tier in November 2022. Subscriber growth had stalled in Western markets,
  and leadership wanted a lower price point.
- I was asked to lead the launch in Canada and owned pricing and positioning.
- My manager was out, so I made the call myself and told her the next morning.
- The risk was that a cheaper plan would cannibalize the Standard plan.
- Churn was rising and the board was nervous.
- In hindsight I would set a cannibalization threshold before launch.
- Our competitors were spending heavily on awareness campaigns.
- Awareness of the ads plan was low, so I put it on the sign-up page.
- I reduced the scope to a single market.
- I improved the onboarding flow by removing two screens.
- I increased the budget for search.
- It was a hard call, and I made it with incomplete data.
- I checked the data with the analytics team before presenting.
- I aligned legal and finance on the claims in a single meeting.
- The campaign was launched in March.
- I didn't get sign-off and I didn't need it.
- I chose speed over certainty.
- My hypothesis was that price, not content, drove churn.
- We won't launch a feature without a kill metric, and I set ours at a 2% drop in hours.
- We hit a wall in week two when CAC doubled.
- The team was made up of five marketers and one analyst.
"""
)

# Written after tuning and scored once (precision 1.00, recall 0.67) before its misses
# prompted new patterns; the tests hold the coach to floors on it from then on.
HELD_OUT_WEAK: list[Example] = _weak(
    """
- seeking-permission, framework: So my plan would be to put together a Five Forces view of the
  market and then take it to my manager for approval.
- no-number: We saw a big jump in trial starts after the holiday push, and the team was really
  happy with how it landed.
- team-credit, hedging: Honestly it was a joint decision; leadership and I kind of landed on
  raising the price together.
- vanity-metric, no-number: The influencer campaign performed really well, we racked up millions of
  views and our follower count exploded.
- hedging, waiting-for-data: I'd probably want to wait for a full quarter of results before making
  a call on the ad tier pricing.
- passive-voice, no-number: The decision was made to shift budget from TV to digital, and sign-ups
  improved.
- team-credit: We were able to turn the launch around through a lot of cross-team collaboration.
- framework: I'm a big believer in starting with the customer journey map and a SWOT before making
  any recommendation.
- vanity-metric: The relaunch got a lot of press coverage and people were talking about it
  everywhere.
- seeking-permission: Before I'd greenlight anything, I'd sync with the VP of Marketing to make
  sure she's comfortable with the risk.
"""
)
HELD_OUT_STRONG: list[str] = _answers(
    """
- I scrapped the planned billboard flight in week one because paid conversion from OOH markets was
  flat at 1.2%, and I moved the $900K into retargeting lapsed members.
- I wrote the pricing memo myself, recommended the $15.49 tier, and defended it to the exec team;
  churn rose only 0.3 points against the 1 point I'd modeled.
- My team of four ran the experiment I designed: a 14-day trial versus 30, and the shorter trial
  converted 8% better to paid.
- I launched without the localized trailers because waiting would have cost us the holiday window;
  sign-ups in Germany still beat plan by 6%.
- I told the studio partners we were moving the premiere date, gave them the numbers behind it, and
  the later date drew 20% more first-week viewers.
- I killed my own feature after two sprints when the test showed a 0.5% drop in streaming hours,
  and I wrote up exactly where my reasoning had gone wrong.
- The hardest call I made was cutting the free tier in Canada: acquisition fell 18%, but revenue
  per member grew 9% and the business came out ahead.
- I picked retention over reach for the anime campaign and targeted existing fans, which lifted
  90-day retention in that cohort from 61% to 66%.
- When the data was only half in, I committed to the bundle with Spotify and set a 60-day
  checkpoint; at day 60, attach rate was 11% and I extended it.
- I overruled the agency on the tagline, ran both versions to 2% of members, and mine won on
  click-to-play by 14%.
"""
)

# A second fresh batch, written after the first one prompted fixes; scored once
# (precision 0.86, recall 0.60) before its misses prompted fixes in turn.
HELD_OUT_WEAK_2: list[Example] = _weak(
    """
- team-credit: We ended up going with the cheaper plan because, as a group, we felt it was the
  safer bet.
- seeking-permission: I'd loop in my manager early and get her blessing on the messaging before
  anything goes live.
- no-number: The launch was well received and engagement was through the roof.
- framework: I basically just followed the STP framework: segment, target, position.
- hedging: It's hard to say, but I believe the churn spike was maybe tied to the price increase.
- waiting-for-data: We won't know if it worked until the data is conclusive, so I'd keep testing
  for another few months.
- vanity-metric, no-number: Our Super Bowl spot was the most talked-about ad of the night and drove
  a huge spike in social mentions.
- team-credit, no-number: A lot of the credit goes to my team, who really drove the turnaround in
  retention.
"""
)
HELD_OUT_STRONG_2: list[str] = _answers(
    """
- I took the risk of launching the ad tier at $6.99 with only two of four ad partners signed, and
  it reached 5 million monthly active users in six months, ahead of the 4 million plan.
- I saw that 40% of new members never finished their profile, so I cut the setup to one screen and
  first-week viewing went up 12%.
- We had six weeks, so I scoped the campaign to one hero title and one market myself; it brought in
  310,000 paid sign-ups at a $22 CAC.
- I decided against a splashy launch event and spent the budget on a price-lock offer for at-risk
  members, which cut their churn from 5.1% to 3.8%.
- The trailer racked up 60 million views, but what I reported was the 3.2% lift in trial starts
  among people who watched it.
- I made the call without my manager, who was on leave, and walked her through the numbers when she
  got back: 7% more upgrades in the first month.
- I cancelled the Five Forces workshop the agency had scheduled and instead sat with the support
  team for a day, which is where I found the billing bug behind 15% of cancellations.
- I was wrong about the bundle: I expected a 10% lift in retention and got 2%, and I now set a kill
  threshold before every launch.
"""
)
