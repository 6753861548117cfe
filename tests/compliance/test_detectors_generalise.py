"""The detectors read claims by their structure, not by the exact words of the evaluation set.

Every text here was written for these tests (none is copied from eval_set.jsonl): new wording
of each kind of violation the policies name, and compliant copy that looks risky — honest
numbers, disclosed reviews, real dated sales, warranties, product specs — that must still pass.
"""

from __future__ import annotations

import pytest

from affiliate.compliance.checker import check
from affiliate.compliance.detectors import _normalise, find_hits


def families(text: str, platform: str = "meta", niche: str | None = None, **kw) -> set[str]:
    """Families of the findings that keep the text from passing."""
    verdict = check(text, platform, niche, **kw)
    return {f.family for f in verdict.findings if f.severity != "low"}


def checks(text: str, platform: str = "meta") -> set[str]:
    return {h.check for h in find_hits(text, platform)}


# Reading the text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("l0se w3ight", "lose weight"),
        ("ca$h", "cash"),
        ("\U0001d425\U0001d428\U0001d42c\U0001d41e 9 kg", "lose 9 kg"),  # mathematical bold
        ("wéight", "weight"),
        ("9–5 “job”", '9-5 "job"'),
        ("A1C, B2B, MP3", "A1C, B2B, MP3"),  # codes in capitals are names, not disguises
        ("$500 and 5K", "$500 and 5K"),
    ],
)
def test_spelling_games_are_read_as_words_and_offsets_hold(raw, read):
    assert _normalise(raw) == read and len(_normalise(raw)) == len(raw)


def test_a_finding_quotes_the_original_characters():
    text = "Sh3d 12 p0unds in a f0rtnight"
    verdict = check(text, "meta", "weight_loss")
    assert verdict.blocked
    assert all(text[f.start : f.end] == f.quote for f in verdict.findings)


# Health and weight ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Torch eleven kilos before the holidays.",  # a number in words
        "Trim a whole dress size by the wedding.",  # "a" size, and a date
        "Her belly shrank in under three weeks.",  # the body part first
        "Tighter thighs in 12 days flat.",
        "Squeeze back into your old jeans again.",
        "Your trousers will feel baggy within a month.",
    ],
)
def test_a_body_outcome_with_an_amount_or_a_time_frame_is_a_weight_loss_claim(text):
    assert "weight_loss_amount" in checks(text)
    assert "health_claims" in families(text, niche="weight_loss")


@pytest.mark.parametrize(
    "text",
    [
        "Skip the cardio and zero counting: the weight slips off.",
        "Ditch the diet, keep the dessert, still slim down.",
    ],
)
def test_no_effort_is_read_from_its_many_negations(text):
    assert "effortless_weight_loss" in checks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Relieves tendinitis in a week.",  # a condition by its medical suffix
        "My gran's cholesterol levels dropped in a month on these oats.",
        "Brought his blood pressure right down.",
        "She came off her statins after one season of this tea.",
        "Our lotion erases age spots.",
        "It ended her hip aches for good.",
        "Bye-bye heartburn.",
    ],
)
def test_cure_claims_are_read_from_their_outcome(text):
    assert "health_cure" in checks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lower back pain affects most adults at some point; see a physio if it lasts.",
        "Check with your GP before stopping any medication.",
        "Weighted vests from 5 to 20 kg.",
        "Walking shoes in half sizes, for wide feet too.",
    ],
)
def test_naming_a_condition_or_a_size_is_not_a_health_claim(text):
    assert "health_claims" not in families(text, niche="health")


# Money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Teachers are raking in an extra $1,100 a month tutoring online.",  # any inflection
        "how i netted my first 3k from one template",
        "Get paid $40 an hour to review websites.",
        "$150-$300 daily from your kitchen table.",  # a range per period
        "Work from home and clear $600 weekly.",
        "Our side gig pays more than a day job.",
        "Members grew $500 into $9,000 this year.",
        "Portfolio members saw 22% monthly returns.",
    ],
)
def test_earnings_claims_are_read_from_verb_amount_and_period(text):
    assert "income_claims" in families(text, niche="make_money")


@pytest.mark.parametrize(
    "text",
    [
        "Pay $59 once for lifetime access.",  # paying is a price, not pay
        "Plans from $15 a month, cancel any time.",
        "Income disclosure: the typical member earned $0 from the course last year.",
        "Earn 3x points on dining with our card.",
        "Transfers up to $2,000 a month are free.",
    ],
)
def test_prices_and_honest_disclosures_are_not_earnings_claims(text):
    assert "income_claims" not in families(text, niche="finance")


# Guarantees and timing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thicker hair within 6 weeks or your money back.",
        "This routine works for absolutely everyone.",
        "It works every single time, no matter what.",
        "Garanteed results.",  # misspelt
        "Clear skin in 10 days — promise.",
    ],
)
def test_promised_results_are_guarantees(text):
    assert "guaranteed_results" in families(text, "tiktok", "beauty")


@pytest.mark.parametrize(
    "text",
    [
        "Every bottle carries a 90-day money-back guarantee.",
        "Lifetime guarantee against manufacturing defects.",
        "Past returns do not guarantee future returns.",
        "Price-match guarantee on every order.",
    ],
)
def test_refunds_warranties_and_disclaimers_are_not_result_promises(text):
    assert "guaranteed_results" not in families(text, "tiktok", "beauty")


@pytest.mark.parametrize(
    "text",
    [
        "Only 9 seats left in the spring cohort.",
        "The bonus disappears in 45 minutes.",
        "Access closes once we reach 300 members.",
        "Prices rise tomorrow.",
        "The recording gets deleted Sunday.",
        "Grab it while u can.",
    ],
)
def test_undated_deadlines_and_stock_claims_are_pressure(text):
    assert "false_urgency" in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "Summer sale: 30% off until 31 July.",
        "Offer ends Sunday 12 October.",
        "Your free trial ends after 21 days; we email you first.",
        "Back in stock in all sizes.",
    ],
)
def test_dated_ends_and_plain_facts_are_not_pressure(text):
    assert "false_urgency" not in families(text)


# Before and after ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Week two versus week ten of our night serum.",
        "From 212 to 168 lbs on the plan.",
        "She dropped from a size 20 to a size 12.",
        "Six months apart, same lighting.",
        "Swipe to see the difference in Leo's skin.",
        "How Amy transformed her body in one season.",
    ],
)
def test_two_points_in_time_are_a_before_and_after(text):
    assert "before_after" in families(text, niche="beauty")


@pytest.mark.parametrize(
    "text",
    [
        "Adjustable dumbbells from 3 to 27 kg.",  # a growing range is a spec
        "Sizes 6 to 18, in three lengths.",
        "Ships in 2 days; returns within 30 days.",
    ],
)
def test_ranges_that_grow_are_specs_not_transformations(text):
    assert "before_after" not in families(text, niche="fitness")


# Prices, claims and reviews ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Typically retails around $180; ours is $60.",
        "$240 → $79 this week.",
        "$45 vs the $130 salon version.",
        "Get $900 worth of presets for $29.",
        "Our $400 kit, today only $99.",
    ],
)
def test_a_reference_price_is_read_wherever_it_sits(text):
    assert "regular_price" in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ranked the #1 budgeting app in the country by reviewers.",
        "World's most accurate smart scale.",
        "Trusted by 5,000 dermatologists.",
        "Vet-recommended chews.",
        "Cardiologists are stunned by this breakfast swap.",
        "The secret Icelandic skincare ritual.",
        "Kills 99.9% of germs on contact.",
    ],
)
def test_superiority_authority_and_sensational_hooks_are_unreliable(text):
    assert "unreliable_claims" in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tip #1: water your seedlings from below.",
        "Our #1 priority is your privacy.",
        "Ask your pharmacist whether it suits you.",
        "Rated 4.7 by 900 buyers.",
    ],
)
def test_lists_advice_and_real_ratings_are_not_unreliable(text):
    assert "unreliable_claims" not in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hate the way your arms look in photos? Try our plan.",  # a question with a feeling
        "Embarrassed to smile because of your teeth?",  # "are you" left out
        "Waking up with sciatica again? Our pillow helps.",
        "Your eczema deserves a gentler soap.",  # a condition the health rules name
        "Tired of your credit score in the gutter?",
        "Are you a Muslim professional looking to marry?",
        "Turning 60 and worried about your savings?",
    ],
)
def test_asserting_an_attribute_of_the_reader_is_personal(text):
    assert "personal_attributes" in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tired skin? Our eye cream has caffeine.",  # a look, not a feeling about oneself
        "Your black dress deserves a better hanger.",
        "Track your credit score for free.",
        "Tone your arms with a 10-minute band routine.",
        "Eczema-friendly soap, fragrance free.",
    ],
)
def test_talking_about_the_product_or_the_topic_is_not_personal(text):
    assert "personal_attributes" not in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "i use this kettle every morning, 10% off w code BREW10",  # lower-case "i"
        "not an ad!! just love my new desk lamp",  # "not an ad" denies, it does not disclose
        "not #ad, i just like this pen",
        "We tested 16 blenders. Our top pick is linked.",  # a review is an endorsement
        "Rug cleaner that saved my sofa #affiliatelink",
    ],
)
def test_endorsements_without_a_plain_disclosure_are_caught(text):
    assert "disclosure" in families(text, "tiktok")


def test_an_endorsing_headline_needs_a_disclosure_too():
    verdict = check("Compare plans and prices.", "google", headline="My Favourite VPN")
    (finding,) = [f for f in verdict.findings if f.family == "disclosure"]
    assert (finding.field, finding.quote) == ("headline", "My")
    assert check("Ad: compare plans and prices.", "google", headline="My Favourite VPN").passed


@pytest.mark.parametrize(
    "text",
    [
        "Premium savings, FSCS protected.",  # an acronym without a vowel
        "Use code SPRING for free delivery.",  # a code in capitals is a name
    ],
)
def test_acronyms_and_codes_are_not_shouting(text):
    assert "gimmicky_caps" not in checks(text, "google")


@pytest.mark.parametrize(
    "text",
    [
        "Results vary, and this plan doesn't work for everyone.",  # a negated promise
        "We can't promise results; we can promise recipes.",
        "Our review team checks every app before it is listed.",  # a process, not a review
        "Carry your heavy shopping home with a folding trolley.",  # luggage, not the reader
        "Check your blood pressure at home with a validated cuff.",  # a measurement
        "Fixed pricing protects you from cost increases.",
        "Our first 100 customers helped us design the lid.",
        "Research shows most course buyers earn little; ours teaches a skill.",
        "Earn 4.5% a year on savings, variable.",
        "A beginner's 10K plan, three runs a week.",
        "Homeopathy is not a substitute for medical care.",
        "Wide-leg jeans with a loose, relaxed fit.",
        "Send them back within 30 days for a full refund.",
        "Worried your hair dryer is too hot? Ours has a cool setting.",
        "Shrink image file sizes in seconds.",
        "Prices from $20 per user per month.",
        "Compare savings accounts side by side.",  # a table, not a body
        "Top 3 tips for 2026 seed starting.",
        "Great value at $20 a month.",
        "No diets, no dieting: intuitive-eating lessons with a registered dietitian.",
        "In stock: lanterns, 8 hours per charge.",
        "I bought this for my mum and she loves it. #ad",
        "Open a bank account and get a $20 welcome bonus.",
        "Boost your savings by 2% with automatic round-ups.",
        "Retired? Our walking club meets every Tuesday.",
        "Our supplement supports healthy blood sugar as part of a balanced diet.",
    ],
)
def test_near_misses_of_the_broad_rules_pass(text):
    for platform in ("meta", "google", "tiktok"):
        verdict = check(text, platform, "health")
        assert verdict.passed, (platform, [(f.rule_id, f.quote) for f in verdict.findings])


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Gifted by @lumacandles, and it smells like a forest.", "disclosure"),
        ("In partnership with @trailco: the boots I hiked in all summer.", "disclosure"),
        ("Top 5 air fryers of 2026, tested and ranked.", "neutral_reviewer"),
        ("Total value: $1,240. Yours for $99.", "regular_price"),
        ("You will lose weight on this plan, full stop.", "health_claims"),
        ("Going bald? Our foam works at the root.", "personal_attributes"),
        ("Backed by 12 clinical studies.", "unreliable_claims"),
        ("Final hours to join the bootcamp.", "false_urgency"),
    ],
)
def test_more_constructions_of_each_family(text, family):
    assert family in families(text, "meta", "health")


def test_google_refuses_emoji_in_its_ads_but_other_platforms_do_not():
    assert "editorial" in families("Garden lights on sale 🌟", "google")
    assert "editorial" in families("Shop lanterns.", "google", headline="Lantern Sale ✨")
    assert check("Garden lights on sale 🌟", "meta").passed
    assert check("Garden Lights™, 2-year warranty.", "google").passed


# New wording of every kind, and risky-looking compliant copy ---------------------------------


def _table(rows: str, columns: int) -> list[tuple[str | None, ...]]:
    """Rows of space-separated columns, the last one the text, then the ad's headline (None
    unless the text ends with "|| headline"); a line starting with "+" continues the text of
    the row above (so every line stays within the line length)."""
    parsed: list[list[str]] = []
    for line in rows.strip().splitlines():
        if line.lstrip().startswith("+ "):
            parsed[-1][-1] += " " + line.lstrip()[2:]
        else:
            parsed.append(line.split(None, columns - 1))
    rows_out: list[tuple[str | None, ...]] = []
    for row in parsed:
        text, _, headline = row[-1].partition(" || ")
        rows_out.append((*row[:-1], text, headline or None))
    return rows_out


# family              platform niche      text
VIOLATING = _table(
    """
health_claims       meta   weight_loss Drop a full jeans size by the holidays with this morning
                                     + shake.
health_claims       tiktok weight_loss my sister lost like fifteen kilos w this app, link in bio
health_claims       meta   weight_loss Blast stubborn belly fat in just 10 days.
health_claims       tiktok weight_loss no gym, no counting, the pounds just slide off 🫠
health_claims       google weight_loss Shrink your waistline within two weeks. Order today.
health_claims       meta   weight_loss Eat pizza, skip the gym and still slim down. Here's how.
health_claims       meta   health      This tincture calms sciatica flare-ups for good.
health_claims       meta   health      Her A1C went back to normal after three months on our
                                     + shakes.
health_claims       tiktok health      grandpa ditched his statins after 6 weeks on this powder
                                     + 😮
health_claims       google health      Heals plantar fasciitis at home. Ships free.
health_claims       meta   health      Tinnitus? This drop-in formula silences the ringing.
health_claims       meta   health      Kiss knee pain goodbye with this copper sleeve.
health_claims       meta   beauty      Our serum regrows thinning edges in under a month.
income_claims       meta   make_money  Moms are bringing home $4,200 every month from a laptop.
income_claims       tiktok make_money  how i cleared 12k last month dropshipping 🤑
income_claims       google make_money  Earn Up To $750 Weekly From Home. No experience required.
income_claims       meta   make_money  Retirees are pocketing an extra $900 a week with this
                                     + app.
income_claims       meta   finance     Our members average 18% monthly returns.
income_claims       tiktok make_money  this side gig pays more than my old job ngl
income_claims       meta   make_money  Make 5 grand a month without leaving the house.
income_claims       meta   make_money  Fire your boss this year with our trading signals.
income_claims       tiktok make_money  passive cash on autopilot while you binge netflix
guaranteed_results  meta   beauty      Guarenteed smoother skin or we'll eat our hats.
guaranteed_results  tiktok beauty      this balm works for literally anyone, every single time
guaranteed_results  meta   fitness     Defined abs within 30 days, or your money back.
guaranteed_results  google relationships Get Her Back in 14 Days. Proven text method.
guaranteed_results  meta   beauty      Instant glow that lasts forever. Never fails.
before_after        meta   beauty      Day one versus day thirty with our vitamin C drops.
before_after        tiktok fitness     first week vs twelfth week of the program 😳
before_after        meta   weight_loss Kara went from 198 to 141 lbs on our plan.
before_after        meta   beauty      Swipe for her glow-up after 8 weeks of our toner.
before_after        meta   beauty      See the difference in Priya's skin after one jar.
false_urgency       meta   make_money  Only 7 places left in the cohort. Grab yours.
false_urgency       tiktok software    this deal vanishes in 2 hours ⏰
false_urgency       meta   software    Launch price disappears once we reach 500 users.
false_urgency       google make_money  Prices double tomorrow. Enroll now.
false_urgency       meta   health      Selling fast: only a handful of jars remaining.
false_urgency       meta   software    This video comes down at midnight. Watch it now.
regular_price       meta   home_garden Usually priced at $249, yours today for $99.
regular_price       tiktok beauty      $68 in stores → $22 with the shop link
regular_price       google make_money  A $3,500 mentorship, now only $197.
regular_price       meta   software    Retailing at $399 elsewhere. Ours: $79.
unreliable_claims   meta   health      Nutritionists are baffled by this 3-second habit.
unreliable_claims   google beauty      Dermatologists recommend our cream 9 to 1.
unreliable_claims   meta   software    The fastest VPN on the planet. Try it now.
unreliable_claims   meta   health      What your cardiologist won't tell you about eggs.
unreliable_claims   tiktok beauty      the bizarre rice-water hack stylists don't want out there
unreliable_claims   meta   finance     Studies prove our app saves you $1,200 a year.
personal_attributes meta   weight_loss Struggling to zip up your jeans? This plan is for you.
personal_attributes meta   finance     Maxed-out cards keeping you up at night? Let's talk.
personal_attributes meta   health      Are you living with IBS? Our app tracks your triggers.
personal_attributes meta   relationships Still single in your 40s? Meet matches near you.
personal_attributes meta   relationships Going through a divorce? You're not alone.
personal_attributes meta   health      Your migraines don't have to rule your week.
personal_attributes meta   finance     Late payments dragging your score down? We can help.
personal_attributes meta   beauty      Hate the way your thighs look in shorts? Try this.
personal_attributes meta   general     Are you a Christian single looking for love?
disclosure          tiktok beauty      obsessed w this tint, code GLOW10 gets u 10% off
disclosure          meta   home_garden This is hands down the best kettle I've owned. Shop it
                                     + below.
disclosure          tiktok fitness     i've done these bands every day since may and my glutes
                                     + are thriving, link in my bio
disclosure          meta   software    We tested 11 budgeting apps so you don't have to. Our top
                                     + pick is linked.
neutral_reviewer    tiktok beauty      not sponsored but this mascara is everything, use my code
                                     + LASH
neutral_reviewer    meta   software    Independent 2026 ranking: the best password managers,
                                     + tested by our lab.
unreliable_claims   meta   health      BREAKING: local mum discovers joint fix doctors hate
editorial           google home_garden Shop All Planters Now!!
editorial           google software    Invoicing Made EASY for freelancers.
health_claims       tiktok weight_loss pov: you finally fit into your wedding dress again after
                                     + 3 weeks of this tea 👰
health_claims       meta   weight_loss Torch up to 600 calories a day just by sipping this.
health_claims       google weight_loss Slimmer Waist In 10 Days | Order the 30-day pack.
health_claims       meta   weight_loss Ladies are losing a pound a day with this Japanese tonic.
health_claims       tiktok weight_loss no dieting no gym just 2 capsules before bed and the
                                     + bloat is GONE
health_claims       meta   health      Relieves arthritis stiffness in under an hour —
                                     + naturally.
health_claims       meta   health      My mum's sugar readings are finally normal thanks to
                                     + these tea bags.
health_claims       google health      Natural Cure For Gout | Order Online Today.
health_claims       meta   health      This breathing device helps you get off your asthma
                                     + inhaler for good.
health_claims       tiktok health      my eczema cleared up in 5 days w this balm 😭 link in bio
income_claims       meta   make_money  Single dads are clearing $6k a month with our reselling
                                     + app.
income_claims       tiktok make_money  i made 900 bucks this week from a phone app, not joking
income_claims       google make_money  $200-$500 Per Day Working Online. Start Today.
income_claims       meta   finance     Turn $250 into a full-time income with our AI trading
                                     + bot.
income_claims       meta   make_money  Earn while you sleep: our students' stores run
                                     + themselves.
income_claims       tiktok make_money  day 12 of my faceless channel and it's already paying my
                                     + rent 💵
guaranteed_results  meta   beauty      100% guaranteed to fade dark spots.
guaranteed_results  tiktok beauty      this serum NEVER fails, works on every skin type every
                                     + time
guaranteed_results  meta   fitness     Add 2 inches to your arms in 30 days — guaranteed.
guaranteed_results  google relationships Make Him Commit In 2 Weeks. Works Every Time.
guaranteed_results  meta   beauty      Results you can see after a single use — instantly.
before_after        meta   fitness     Look at Dan at week 1 and week 16 🔥 same gym, new man.
before_after        tiktok beauty      3 months apart. same lighting. this is what this serum
                                     + did
before_after        meta   weight_loss Lisa dropped from a size 18 to a size 10 on our program.
before_after        google weight_loss From 95kg to 72kg | Real Member Story.
before_after        meta   beauty      Left: January. Right: May. Same face, new routine.
false_urgency       meta   software    Last call — the lifetime deal closes in 6 hours.
false_urgency       tiktok make_money  only 3 coaching slots left this month, dm me 'SLOT'
false_urgency       meta   health      Stock is almost gone. Order before it's too late.
false_urgency       meta   make_money  The replay gets deleted Friday. Watch while you can.
false_urgency       google software    Hurry! Offer Expires Soon.
regular_price       meta   beauty      Our $150 skincare set, today just $49.
regular_price       google make_money  Was $997, Now $297 | Copywriting Masterclass.
regular_price       tiktok home_garden these planters go for $120 at garden centres, got them
                                     + for $35 on the shop tab
regular_price       meta   software    Get $2,400 worth of templates for $49.
unreliable_claims   meta   health      Surgeons are stunned by this knee trick.
unreliable_claims   google health      The #1 Doctor-Trusted Probiotic | Shop Now.
unreliable_claims   meta   software    The only antivirus that blocks 100% of threats.
unreliable_claims   meta   health      The secret Japanese longevity trick the food industry
                                     + hides.
personal_attributes meta   weight_loss Overweight after your second baby? This plan is for mums
                                     + like you.
personal_attributes meta   finance     Can't keep up with your credit card minimums? Consolidate
                                     + today.
personal_attributes meta   health      Is your psoriasis flaring again? Try our oatmeal soak.
personal_attributes meta   relationships Recently divorced and ready to date again? Join free.
personal_attributes meta   health      Do you wake up anxious every morning? Our app can help.
personal_attributes meta   beauty      Embarrassed to smile because of stained teeth? Whiten at
                                     + home.
disclosure          tiktok home_garden my fave garden hose EVER, 50% off w code HOSE50
disclosure          meta   beauty      I swear by this shampoo. Get yours through my link below.
disclosure          tiktok fitness     these leggings survived 6 months of my workouts and still
                                     + look new. shop in bio
neutral_reviewer    meta   software    Scam or legit? We put the top VPNs to the test. Read our
                                     + verdict.
neutral_reviewer    tiktok beauty      no one's paying me for this but this cleanser changed my
                                     + skin, use code CLEAN
editorial           google home_garden Best Prices Guaranteed!!
editorial           meta   home_garden SHOP NOW and save big on patio sets.
health_claims       meta   weight_loss Tighten loose skin and lose the mummy tummy in 6 weeks.
health_claims       tiktok weight_loss the 'pink salt trick' that made my belly shrink overnight
                                     + 🧂
health_claims       google weight_loss Drop 3 Sizes Fast | Keto Gummies.
health_claims       meta   health      These insoles ended my plantar pain for good.
health_claims       meta   health      Lower your A1C naturally with one spoonful a day.
health_claims       tiktok health      my husband doesn't need his CPAP anymore since this mouth
                                     + tape lol
health_claims       meta   beauty      Erase crow's feet in 14 days with our peptide cream.
income_claims       meta   make_money  Nurses are making $2,800 extra a month on weekends with
                                     + our app.
income_claims       tiktok make_money  bro my AI ebook store did 4 figures in its first week 📈
income_claims       google make_money  Get Paid $35/Hour To Test Apps | Apply Now.
income_claims       meta   finance     Our signals helped members grow $1,000 to $14,000 in a
                                     + year.
income_claims       meta   make_money  Replace your paycheck in 90 days with our drop-servicing
                                     + model.
guaranteed_results  meta   fitness     Build 10 lbs of lean muscle in 4 weeks, guaranteed or
                                     + it's free.
guaranteed_results  tiktok beauty      this mask is literally foolproof, perfect skin every
                                     + single time
guaranteed_results  google relationships Get Your Ex Back Fast | 100% Success Rate.
guaranteed_results  meta   health      Instant pain relief the moment you put it on.
before_after        meta   beauty      Day 1 → Day 21 with our brightening serum. Swipe ➡️
before_after        tiktok weight_loss this time last year vs today. 42 lbs down 🥹 plan linked
before_after        meta   fitness     Mike's 12-week transformation: 24% to 12% body fat.
before_after        google beauty      See Real Before & After Photos | Laser Hair Removal.
false_urgency       meta   software    Only 20 lifetime licences remain. After that, it's
                                     + monthly.
false_urgency       tiktok beauty      restock sold out in 2 hrs last time so set an alarm ⏰
                                     + going live tonight
false_urgency       meta   make_money  Registration closes at midnight. Don't miss your spot.
false_urgency       google software    Deal Ends Today | 60% Off Pro Plan.
regular_price       meta   home_garden Compare at $89. Ours: $29.
regular_price       meta   make_money  Get the $497 course for just $27 today.
regular_price       tiktok beauty      dupe alert: $14 vs the $92 one everyone's buying
health_claims       meta   health      Scientists found this 5-cent spice reverses aging.
unreliable_claims   google software    World's Most Secure Password Manager | Try Free.
unreliable_claims   meta   beauty      Dermatologists are obsessed with this $12 serum.
unreliable_claims   tiktok health      the weird morning ritual celebrities use to stay thin
personal_attributes meta   weight_loss Ashamed of your post-baby body? Our program understands.
personal_attributes meta   finance     Tired of living paycheck to paycheck? See how our members
                                     + save.
personal_attributes meta   health      Your ADHD brain deserves a planner that works with it.
personal_attributes meta   relationships Lonely this Christmas? Find someone special today.
personal_attributes meta   health      Still waking up with back pain? Swap your mattress.
disclosure          tiktok fitness     my coach's program got me my first pull-up, shop her
                                     + guide in my bio 💪
disclosure          meta   beauty      Honestly the only moisturiser I repurchase. Code SOFT15
                                     + for 15% off.
disclosure          tiktok software    the note app that runs my entire life, linked in my
                                     + profile
neutral_reviewer    meta   software    Our unbiased 2026 VPN rankings — see who came out on top.
neutral_reviewer    tiktok beauty      not #sponsored, i just genuinely love this toner. code
                                     + GLOW
editorial           google home_garden Garden Tools SALE | Shop Today.
editorial           google beauty      Best Lipstick Ever?! | Try 3 Shades.
health_claims       meta   weight_loss Kelly melted 31 lbs in 60 days and kept eating bread.
health_claims       tiktok weight_loss this is ur sign to try the coffee hack that's helping
                                     + women shed belly fat fast ☕
health_claims       google weight_loss Lose Weight Without Dieting | Doctor-Formulated Drops.
health_claims       meta   health      Say farewell to foot pain: our orthotics fix it in days.
health_claims       tiktok health      POV: your blood sugar finally behaves after switching to
                                     + this cinnamon blend
health_claims       meta   health      Our gummies clear brain fog and restore memory in 30
                                     + days.
health_claims       meta   beauty      Takes 10 years off your face in one week.
health_claims       google health      Reverse Hair Loss Naturally | Clinically Studied Formula.
income_claims       meta   make_money  A 19-year-old is pulling $14k/month with a simple Shopify
                                     + store.
income_claims       tiktok make_money  how i make $250 a day posting faceless videos, full guide
                                     + in bio
income_claims       meta   make_money  Quit the rat race: this system replaced my teacher's
                                     + salary in 5 months.
income_claims       google finance     Earn 3% Daily On Your Crypto | Start With $100.
income_claims       meta   make_money  Make money from home in your spare time — thousands
                                     + already are.
guaranteed_results  tiktok beauty      this cream works on everyone, no exceptions
guaranteed_results  meta   software    Guaranteed first page of Google in 30 days.
guaranteed_results  meta   relationships Our texting system makes any woman fall for you. 100%
                                       + success rate.
guaranteed_results  google fitness     Six-Pack Abs In 6 Weeks | Guaranteed Plan.
before_after        meta   fitness     Then: couldn't run a mile. Now: marathon finisher. Swipe
                                     + to see Sam's journey.
before_after        tiktok beauty      before vs after 2 weeks of this serum 🤯
before_after        meta   weight_loss Jess, 34: 'I went from a 38 inch waist to a 29.'
before_after        google beauty      Skin Before & After 30 Days | Vitamin C Serum.
false_urgency       meta   make_money  Doors close in 48 hours and won't reopen this year.
false_urgency       tiktok software    only 40 early-bird spots, after that the price triples
false_urgency       meta   health      Our last batch sold out in a day. Only 17 bottles left.
false_urgency       meta   home_garden Flash sale ends in 3 hours — don't miss out!
false_urgency       google make_money  Last Chance To Enroll | Course Closes Tonight.
regular_price       meta   software    Lifetime plan: $49 (normally $399).
regular_price       tiktok home_garden the $300 lamp everyone wants, mine was $60 with the link
regular_price       google software    Save $600 Today | Was $799, Now $199.
regular_price       meta   beauty      Salon treatments cost $200. Ours? Just $19.
unreliable_claims   meta   health      This is what Big Food doesn't want you to see.
unreliable_claims   google home_garden America's #1 Lawn Fertilizer | Shop Now.
unreliable_claims   meta   finance     The banking trick that millionaires swear by.
unreliable_claims   tiktok beauty      dermatologists are losing their minds over this $8
                                     + cleanser
personal_attributes meta   health      Suffering from restless legs at night? Try our magnesium
                                     + spray.
personal_attributes meta   finance     Drowning in student loans? We can lower your payments.
personal_attributes meta   weight_loss Over 45 and gaining weight no matter what you try?
personal_attributes meta   relationships Tired of being the only single one at every wedding?
personal_attributes meta   health      You don't have to live with your psoriasis anymore.
disclosure          tiktok beauty      genuinely the best mascara i've ever tried, linked in my
                                     + storefront
disclosure          meta   fitness     My honest thoughts on this rower after 3 months: worth
                                     + every penny. Discount at the link.
disclosure          tiktok home_garden found my new favourite patio heater 🔥 shop my amazon list
disclosure          meta   software    I've tried every habit app out there and this one finally
                                     + stuck. Grab 30% off with my referral.
neutral_reviewer    tiktok beauty      #notsponsored just love this sunscreen, link in bio
neutral_reviewer    meta   health      Consumer Watch: we rated 20 sleep aids. One clear winner.
neutral_reviewer    google software    VPN Review: Is NordShield Legit? | Our Honest Verdict.
editorial           google home_garden Shop Our BIGGEST Sale of the Year.
editorial           meta   beauty      Glowing skin?? Yes please!!
editorial           google home_garden AMAZING deals on hedge trimmers. Free delivery.
disclosure          meta   fitness     Three months with this jump rope and my cardio is unreal.
                                     + Grab one through my link ⬇️
income_claims       tiktok make_money  pov: your laptop pays your rent now 🏝️ free training in
                                     + my bio
income_claims       meta   make_money  Ad: I get paid if you join. Members who follow the
                                     + blueprint hit $10,000 months.
regular_price       google make_money  The $2,497 Agency Blueprint, Yours Today for $97.
before_after        meta   beauty      Month 1 vs month 6 on our peptide serum — the lines
                                     + around her eyes say it all.
unreliable_claims   google health      The mineral your doctor forgot to mention. Read now.
false_urgency       tiktok fitness     ppl keep asking about my glutes 🍑 the band program is
                                     + almost sold out so hurry
health_claims       meta   weight_loss Done with dieting? These capsules do the work while you
                                     + rest.
unreliable_claims   meta   software    Voted the best antivirus on Earth by real users. Protect
                                     + 5 devices.
false_urgency       tiktok weight_loss they're taking this tea off the market soon, grab it
                                     + before it's banned
guaranteed_results  meta   relationships Husband checked out? This 3-word text makes him
                                       + obsessed again.
personal_attributes meta   finance     Credit score under 600? See cards built for people like
                                     + you.
personal_attributes meta   health      Managing type 1 diabetes? Our app counts carbs for you.
regular_price       meta   beauty      Normally $89. This week only: $29 for the full set.
disclosure          tiktok beauty      not gonna lie this lash serum gave me brand new lashes in
                                     + 2 weeks, code LASH20
health_claims       meta   health      Zero side effects, zero prescriptions: just relief from
                                     + arthritis.
guaranteed_results  google finance     Guaranteed Loan Approval | Bad Credit OK.
disclosure          meta   home_garden I tried 7 robot vacuums so you don't have to. The winner
                                     + is linked below.
neutral_reviewer    tiktok beauty      honest review of the viral serum, no brand deal, no
                                     + gifting 🙅‍♀️ link in bio
neutral_reviewer    google health      Is Gluco-X a Scam? Read Our Report Before You Buy.
income_claims       meta   make_money  Be your own boss and earn six figures from your spare
                                     + room.
before_after        meta   weight_loss From a size 22 to a size 12 without giving up chocolate.
health_claims       tiktok health      this drink literally reset my gut and my IBS is gone 🙌
guaranteed_results  meta   fitness     Get shredded in 21 days or you don't pay a penny.
false_urgency       meta   software    Limited licences remain at this price. Grab yours.
personal_attributes meta   finance     Struggling to make ends meet? You could qualify for a
                                     + payday advance.
personal_attributes meta   beauty      Acne-prone? Your breakouts end here.
health_claims       google weight_loss Melt Fat Fast | Natural Keto Pills.
income_claims       meta   make_money  My students average $3,200 in their first month.
unreliable_claims   meta   health      Experts agree: this is the best probiotic you can buy.
unreliable_claims   tiktok home_garden this weedkiller is banned in 3 countries and they don't
                                     + want you to know why 🤫
health_claims       meta   weight_loss Watch the scale drop every morning — no willpower
                                     + required.
health_claims       meta   beauty      Wrinkles? Gone. Dark spots? Gone. In 14 days.
neutral_reviewer    google software    Best VPN 2026 | Unbiased Rankings by Our Experts.
income_claims       tiktok make_money  replaced my 9-5 income in 4 months with digital planners
                                     + 📒
regular_price       meta   home_garden Retail $249. Members pay $99.
health_claims       meta   weight_loss Women over 40 are dropping a jean size a week with this
                                     + morning ritual.
health_claims       tiktok weight_loss 3 scoops a day and my muffin top literally disappeared 🫶
                                     + code SLIM10
health_claims       google weight_loss Burn 1,000 Calories While Sitting | Thermogenic Pills.
health_claims       meta   health      Cancel your next doctor's visit: this tonic handles high
                                     + blood pressure for you.
health_claims       tiktok health      nurse here 👩‍⚕️ this is the only thing that fixed my
                                     + vertigo
health_claims       meta   health      Clinically shown to dissolve kidney stones in a week.
income_claims       meta   make_money  Moms in Ohio are earning four figures a week from one
                                     + app.
income_claims       tiktok make_money  my bank account after 30 days of this method 💸💸 $7,412
income_claims       google make_money  Paid Online Surveys | Earn $50 Per Survey.
income_claims       meta   finance     Grow your savings 10x in 12 months with our signals.
income_claims       meta   make_money  This is how regular people are retiring a decade early.
guaranteed_results  meta   beauty      Visible results from day one, every single time.
health_claims       tiktok fitness     follow this plan and you WILL hit your goal weight, no
                                     + ifs
guaranteed_results  google relationships Stop Any Breakup In Its Tracks | Guaranteed Method.
guaranteed_results  meta   beauty      Permanent hair removal in 3 sessions.
before_after        meta   beauty      Her pores at week 1 and at week 10. Same camera, no
                                     + filter.
before_after        tiktok fitness     one year of lifting, left is me at 19, right is me at 20
                                     + 💪
health_claims       meta   weight_loss Ben lost his dad bod in 90 days. See his photos.
before_after        google beauty      Acne Before and After | Real Customer Photos.
false_urgency       meta   software    Only 8 founder seats remain. When they're gone, they're
                                     + gone.
false_urgency       tiktok make_money  cart closes at 11:59 tonight, no extensions
false_urgency       meta   health      Warning: stock is critically low. Order now.
false_urgency       google software    Black Friday Pricing Ends Soon | Save 70%.
regular_price       meta   software    Worth $1,500. Today: $149.
regular_price       tiktok beauty      salon price $180, at home price $24 with this kit
regular_price       google home_garden Was £399 Now £149 | Garden Sofa Sets.
unreliable_claims   meta   health      Hollywood's best-kept anti-aging secret, finally
                                     + revealed.
unreliable_claims   google finance     The Savings App Economists Don't Want You to Use.
unreliable_claims   meta   beauty      9 out of 10 dermatologists recommend our sunscreen.
unreliable_claims   tiktok home_garden this $5 hack will change your lawn forever (landscapers
                                     + hate it)
personal_attributes meta   health      Feeling anxious lately? Our drops calm you in minutes.
personal_attributes meta   finance     Behind on your car payments? Get cash today.
personal_attributes meta   relationships Divorced and over 50? Find love again.
personal_attributes meta   health      Is your arthritis keeping you from the things you love?
personal_attributes meta   weight_loss Hate what you see in the mirror? Start this plan today.
disclosure          tiktok fitness     ok this protein powder actually slaps, dropping my link
                                     + for u 🔗
disclosure          meta   home_garden Our family has used this grill every weekend since April.
                                     + Get yours with code GRILL15.
disclosure          tiktok beauty      my skincare shelf, all linked in my amazon storefront 🛒
disclosure          meta   software    We compared 14 accounting apps. See which one we
                                     + recommend.
neutral_reviewer    tiktok beauty      this isn't sponsored, i actually paid for it, but use my
                                     + link
neutral_reviewer    meta   health      Health News Daily: the supplement experts can't stop
                                     + talking about.
neutral_reviewer    google software    #1 Antivirus Ranked by Independent Labs | 2026 Review.
editorial           google fitness     Home Gym Equipment. BUY NOW.
editorial           meta   home_garden Huge Sale!!! Everything Must Go!!!
editorial           google beauty      Natural skincare for every skin type. Shop online today!!
editorial           google beauty      Anti-aging serum with retinol and peptides. ORDER NOW and
                                     + save.
disclosure          meta   home_garden Two summers with this hammock on my deck and I'd never go
                                     + back. Grab one via my link below ☀️ #hammocklife
editorial           google software    Plan sprints, track bugs and ship faster. Free for small
                                     + teams. || Best Project Tool!
income_claims       tiktok make_money  pov: your etsy shop makes more than your salary now 🧶
                                     + how-to in my bio
regular_price       meta   software    A $499 value: the full design asset library for a
                                     + one-time $59.
before_after        meta   beauty      Month one vs month four of our brightening toner ✨ Look
                                     + at Ana's glow.
unreliable_claims   google health      The joint supplement the big brands hope you never find.
                                     + Read more. || What Doctors Won't Tell You
false_urgency       meta   make_money  This workshop disappears from our site when the clock
                                     + runs out. Only 9 seats left.
before_after        google weight_loss Follow Jen's 16-week plan that took her from 210 to 150
                                     + lbs. || Jen's 60 lb Transformation
regular_price       tiktok home_garden these seed kits retail at $45, i got the bundle for $15
                                     + on the shop tab 🌱
unreliable_claims   meta   home_garden Landscapers HATE this weird lawn trick 🌿 See what it does
                                     + to weeds.
unreliable_claims   meta   software    Named the world's #1 note app by productivity experts.
                                     + Sync everything in seconds.
false_urgency       tiktok weight_loss they're discontinuing this shake next week so stock up 😬
                                     + only a few tubs left
before_after        tiktok fitness     me last summer vs me this summer 🏋️‍♀️ same body,
                                     + stronger habits. plan in bio
false_urgency       google software    Unlimited backups before the price goes up. Few seats
                                     + remain. || Sale Ends at Midnight
disclosure          meta   relationships My wife and I went from arguing daily to date nights
                                       + every week thanks to this app. Code US15 saves you 15%.
                                       + Thanks @coupleco!
income_claims       meta   make_money  Retired teachers are making $2,500 a month tutoring from
                                     + home with this platform.
personal_attributes meta   weight_loss Struggling with your weight after 40? Feel like nothing
                                     + fits anymore? This plan is for you.
health_claims       google weight_loss Our thermogenic capsules torch stubborn fat. Order today.
                                     + || Drop 20 Lbs Before Summer
health_claims       tiktok health      my grandma's sugar numbers dropped in like 10 days with
                                     + this tea, she barely needs her insulin now 🙏 link in bio
health_claims       meta   weight_loss Lose fifteen pounds before your holiday without cutting
                                     + out wine 🍷 These gummies do the rest.
guaranteed_results  tiktok beauty      wake up with baby-soft skin 🍼 guaranteed results from
                                     + just one night
personal_attributes meta   weight_loss Over 50 and can't lose the belly? These drops dissolve it
                                     + with no exercise.
personal_attributes meta   health      Diagnosed with high cholesterol? Your numbers don't
                                     + define you. See our heart-healthy recipe box.
income_claims       google finance     Lock in your profits with our automated forex bot. ||
                                     + Guaranteed 8% Monthly Returns
unreliable_claims   google fitness     Build muscle twice as fast. Free shipping. ||
                                     + Scientifically Proven Protein
personal_attributes meta   finance     Maxed-out cards and a credit score in freefall? See how
                                     + our loan helps you reset.
neutral_reviewer    google health      Our independent lab tested 20 probiotics. See the clear
                                     + winner. || Probiotics: Scam or Legit?
guaranteed_results  meta   fitness     A six-pack in 30 days or your money back — this plan
                                     + works for anybody.
guaranteed_results  google relationships Scripts that make him text back every time, whatever
                                       + happened. || Make Him Commit in 14 Days
disclosure          meta   home_garden I've had this patio set for a year and it still looks
                                     + brand new. Honestly the best thing we bought all summer,
                                     + and the cushions survived two storms without fading at
                                     + all. Shop it below 🪑 #patio #outdoorliving #ad
neutral_reviewer    tiktok beauty      not sponsored, not gifted, just love this blush 💗 use my
                                     + code BLUSH10
income_claims       tiktok make_money  hit my first $5k month with this AI tool 🤖 spots close
                                     + when they hit 100 members
neutral_reviewer    meta   software    Honest, unbiased review: I tried 8 to-do apps and only
                                     + one is worth paying for. Full rundown at the link.
regular_price       meta   beauty      Was $110, now yours for $35: the complete haircare trio.
health_claims       tiktok health      pov: your back pain is gone in 3 days 😮‍💨 this patch is a
                                     + game changer, no meds needed
""",
    4,
)

# platform niche      text
COMPLIANT = _table(
    """
meta   weight_loss A 10-week walking plan. Results vary; pair it with a balanced diet.
meta   weight_loss Members lost weight at different rates; talk to your doctor before starting.
meta   weight_loss Light lunches under 400 calories, ready in 15 minutes.
google fitness     Kettlebells from 4 to 32 kg, powder-coated handles.
meta   fitness     Three 20-minute sessions a week for 8 weeks, with a coach.
tiktok fitness     #ad my 15-minute leg day in a tiny flat, band link in bio
meta   health      Lower back pain affects most adults at some point. Our physio-written leaflet
                 + covers desk posture.
meta   health      Book a physio session online. Most appointments within 48 hours.
meta   health      Check with your doctor before taking supplements if you are on medication.
google health      Blood Pressure Monitors | Clinically validated cuffs, 2-year warranty.
meta   health      Learn the warning signs of diabetes in a free 10-minute course.
meta   beauty      Fragrance-free cleanser for sensitive skin. 30-day money-back guarantee.
meta   beauty      Tinted SPF 30 in 12 shades, tested by dermatologists for irritation.
tiktok beauty      Sponsored | my everyday makeup in five minutes, products linked in bio
meta   beauty      Spring sale: 20% off serums until 30 April.
meta   make_money  A 5-week bookkeeping course for Etsy sellers: 25 lessons and templates.
meta   make_money  Ad: I earn a commission if you enroll. This course covers pricing your
                 + freelance work.
meta   make_money  Most students earn nothing from the course; it teaches skills, not income.
google software    Accounting software from $12/month. Cancel anytime.
meta   software    Plans from $9 a month, billed yearly. Free for one user.
meta   software    Pay $49 once, own it forever. Updates included for a year.
meta   finance     High-yield savings at 4.1% AER, variable. FSCS protected.
meta   finance     Investing involves risk. Past returns do not guarantee future returns.
meta   finance     Earn 2% cash back on groceries with our card. Terms apply.
meta   finance     Track your credit score for free and see what affects it.
meta   finance     A plan for paying off your car loan faster, with a free calculator.
meta   software    Your data is encrypted and we never share it.
meta   software    The password manager that keeps your logins secret and synced.
meta   software    Your free trial ends after 14 days; we'll remind you first.
meta   software    Rated 4.8 by 2,000 users on the app store.
google software    Time Tracking App | Export reports in one click. Try it free.
meta   home_garden Garden sheds in 8 sizes. Delivery in 5 days.
meta   home_garden Our #1 priority is safe, non-toxic paint for kids' rooms.
meta   home_garden Autumn bulbs are back in stock. 40 varieties.
tiktok home_garden #ad dividing my snake plant into three pots, trowel linked
meta   relationships Date-night ideas for couples, delivered monthly.
meta   relationships Meet people at local hiking groups. Free to join.
google relationships Dating for Over 60s | Verified profiles, free sign-up.
meta   general     Black Friday: 25% off all coats until 28 November.
meta   general     Your black dress deserves better hangers.
meta   general     Limited-edition winter colours, while the season lasts.
meta   general     Orders above $60 ship free within the mainland.
meta   general     Sessions from $60. Book online.
tiktok general     the 3 apps i use to plan my week #ad
meta   general     Sponsored | I tried 4 rain jackets on one hike; here's the one I kept.
meta   fitness     Our run club meets every Sunday at 8. Beginners welcome.
meta   beauty      Refill pouches use 70% less plastic than a new bottle.
meta   health      Walk-in travel vaccinations this weekend, no booking required.
meta   health      Ask your pharmacist which sleep aid suits you.
google make_money  Freelance Writing Course | 10 modules, certificate included.
meta   software    Save 3 hours a week on invoicing. Connects to your bank.
meta   home_garden Rechargeable lanterns, 8 hours of light per charge.
meta   weight_loss High-fibre recipes that keep you full until dinner.
meta   make_money  Learn to run Facebook ads for local businesses in 6 weeks.
meta   finance     Your first $500 of transfers each month are free.
meta   weight_loss A calorie tracker with a barcode scanner and 2 million foods.
tiktok weight_loss #ad what i eat for lunch on this meal plan, recipes in the app
meta   weight_loss Slow, steady changes: our coaches help you build habits that last. Results
                 + vary.
google weight_loss Weight Watchers Alternative | Meal Plans From $10 a Week.
meta   health      Our magnesium is third-party tested for purity. Talk to your GP first.
meta   health      Free blood pressure checks at all our stores this month.
meta   health      Learn how sleep affects mood in our free 5-part email course.
google health      Arthritis Support Group | Meet others online, free.
meta   health      Knee braces in 4 sizes. Ask your physio which fits your needs.
meta   beauty      Shea butter body lotion, 400 ml, unscented.
meta   beauty      Sponsored | The night cream I've used all winter. Full ingredients on the
                 + site.
tiktok beauty      #ad my 3-step routine, results vary, always patch test
meta   beauty      Our clinical study: 31 of 40 users reported softer skin after 4 weeks.
meta   make_money  A course on pricing your freelance design work: 12 lessons and a rate
                 + calculator.
tiktok make_money  Ad: I earn a commission. The mic I use for my podcast and why
meta   make_money  Income disclosure: the median member earned $0 last year.
google make_money  Etsy Seller Course | 8 Modules, Lifetime Access.
meta   finance     A free budgeting spreadsheet for couples who share bills.
meta   finance     Refer a friend and you both get $20 when they open an account.
meta   finance     Savings rate 3.8% AER variable, no notice needed.
google finance     Debt Advice Charity | Free, confidential help.
meta   finance     Compare personal loans by APR from 30 lenders.
meta   software    Automate your invoices and get paid on time.
meta   software    Over 40 integrations, including Slack and Notion.
meta   software    Our team grew from 12 to 40 people this year — come join us.
google software    Photo Editor for Mac | One-time purchase of $29.
meta   software    Upgrade from Basic to Pro in one click.
meta   home_garden Patio sets from $299. Free delivery on orders over $500.
meta   home_garden Summer sale: up to 40% off garden furniture until 31 August.
tiktok home_garden Sponsored | building a raised bed in one afternoon, full plans linked
meta   home_garden Our pruning shears come with a lifetime guarantee against defects.
meta   relationships A weekend retreat for couples, with licensed counsellors.
meta   relationships Single-origin coffee for two: a date-night tasting kit.
meta   fitness     Gym memberships from £25 a month, no joining fee.
meta   fitness     A 6-week beginner strength course. Progress at your own pace.
tiktok fitness     #ad 10 minute mobility flow i do before runs
meta   fitness     Our trainers are certified and insured. First session free.
meta   general     Last year's customers rated us 4.7 out of 5.
meta   general     Holiday gift guide: 30 ideas under $50.
meta   general     Doors open at 9 on Saturday for our store launch.
meta   weight_loss Our dietitians build meal plans around the foods you already eat.
meta   weight_loss A walking challenge for April: 30 days, 30 short routes. Free to join.
tiktok weight_loss #ad prepping 5 lunches in 40 minutes with this meal kit
google weight_loss Healthy Meal Delivery | Menus change every week.
meta   health      Our sleep course covers light, caffeine and routines. Not a treatment for
                 + insomnia.
meta   health      Physiotherapy for back pain, with appointments this week.
meta   health      A pill reminder app that alerts you and a family member.
meta   health      Free diabetes education classes at the community centre on Tuesdays.
google health      Allergy Testing Near You | Book an appointment online.
meta   health      Talk to a pharmacist about managing hay fever this spring.
meta   beauty      A retinol serum at 0.2%, for evenings. Use sunscreen by day.
meta   beauty      Shampoo bars that last up to 80 washes.
tiktok beauty      Sponsored | my 5-minute school-run makeup, links in bio
google beauty      Vegan Nail Polish | 40 Shades, Free Shipping Over $30.
meta   beauty      Gift sets from $25, wrapped for free until 20 December.
meta   make_money  Learn bookkeeping basics for your side business in a 3-week course.
meta   make_money  Earnings vary widely and most students earn little. This course teaches the
                 + craft.
tiktok make_money  #ad I earn a commission — the camera I film every video on
google make_money  Online Marketing Course | 40 Lessons, $199 One-Time.
meta   make_money  Sell your handmade goods online with no listing fees for 3 months.
meta   finance     Transfer up to $1,000 a month abroad with no fee.
meta   finance     Cashback of 1% on everyday spending. Terms apply.
meta   finance     Retirement planning calculator: see what you might need.
meta   finance     Fixed-rate savings: 4.5% AER for 12 months, FSCS protected.
google finance     Credit Card Comparison | Compare APRs and Fees.
meta   finance     Get a free mortgage review with a qualified adviser.
meta   software    Cut meeting time with shared agendas. Free for teams of 5.
meta   software    Secure file sharing with end-to-end encryption.
meta   software    Version 5 is here: faster sync and a new dark mode.
google software    CRM for Small Business | 14-Day Free Trial.
meta   software    Migrate from spreadsheets in an afternoon; we help you import.
meta   software    Plans start at $8 per user per month.
tiktok software    #ad the calendar app i use to block focus time
meta   home_garden Cordless hedge trimmers with a 2-year warranty.
meta   home_garden Our compost bins are made from 100% recycled plastic.
meta   home_garden Seed kits for beginners: tomatoes, basil and chillies.
google home_garden Outdoor Rugs | Weatherproof, 12 Sizes.
meta   home_garden Plant of the month club: a new houseplant delivered every month from $19.
meta   relationships Relationship coaching by video, with qualified coaches.
meta   relationships A cookbook for two: 60 dinners that take 30 minutes.
google relationships Marriage Counselling | Licensed Therapists Online.
meta   fitness     Spin classes at 6am and 7pm, every weekday.
meta   fitness     Adjustable bench, folds flat for storage. Holds up to 300 kg.
meta   fitness     A running watch with GPS and a 10-day battery.
tiktok fitness     #ad my warm-up before heavy squats, bands linked
meta   fitness     Our 8-week couch to 5K plan, with audio coaching.
meta   general     Winter coats restocked in all sizes.
meta   general     Free returns within 60 days. Exchanges are free too.
meta   general     New store opening in Leeds on 4 May. Come say hello.
meta   general     Rated 4.6 stars by 1,200 verified buyers.
google general     Kids' Bikes | Ages 3 to 12, Free Assembly.
meta   general     Back-to-school sale: 20% off backpacks until 8 September.
meta   general     Handmade candles, 40-hour burn time.
meta   general     Questions? Chat with our team 24/7.
meta   general     Our founders started this company in 2015 in a garage.
tiktok general     Ad | unboxing the new headphones, full review in the comments
meta   general     Gift cards from $10, delivered by email.
meta   general     Upgrade your old phone: trade in and get up to $200 credit.
meta   health      Hearing aids from $999 a pair, with a 45-day trial.
meta   beauty      Tired skin? Our eye cream has caffeine and niacinamide.
meta   home_garden Been using this robot mower all summer and my lawn has never looked better.
                 + Thanks @mowbot for the discount! Link below. #ad
google software    Cloud Storage!
meta   weight_loss Recipes under 500 calories, with a shopping list each week.
meta   weight_loss A weight-loss program built with registered dietitians. Results vary by
                 + person.
tiktok weight_loss Sponsored | my high-protein snacks for long workdays
google weight_loss Meal Kits for Weight Management | From $8 per Serving.
meta   health      Orthotic insoles in 6 sizes, shaped by podiatrists.
meta   health      Migraine diary app: log triggers and share reports with your doctor.
meta   health      Living well with arthritis: a free webinar with a rheumatologist on 12 May.
meta   health      Blood pressure monitors, validated to clinical standards.
meta   health      Track your blood sugar readings and share them with your care team.
google health      Hearing Tests | Book online, results the same day.
meta   beauty      Vitamin C serum, 15%, in a light-proof bottle.
meta   beauty      Before you book a facial, read our guide to skin types.
tiktok beauty      #ad getting ready for a wedding with the palette i use every day
meta   beauty      Hair dryer with three heat settings. Worried about heat damage? Use the cool
                 + setting.
meta   make_money  Learn to build websites for local businesses: 30 lessons, templates included.
meta   make_money  We don't promise income. We teach copywriting, step by step.
google make_money  Bookkeeping Course | Self-paced, certificate included.
tiktok make_money  Ad: I get paid if you sign up. How I organise client invoices
meta   make_money  Freelancers on our platform set their own rates.
meta   finance     Open a savings account in minutes. Rates from 3.2% AER.
meta   finance     Student loans explained: a free guide to repayment options.
meta   finance     Pay off your card faster with a free repayment planner.
meta   finance     Your pension, in one app. Capital at risk.
google finance     Compare Mortgage Rates | Updated Daily.
meta   software    A habit tracker with streaks, reminders and widgets.
meta   software    Unlimited storage for $6 a month per user.
meta   software    Trusted by 12,000 small businesses.
meta   software    Our review team checks every app before it joins the marketplace.
google software    Project Management Software | Try Free for 30 Days.
tiktok software    #ad the screen recorder i use for tutorials
meta   home_garden Patio heaters with tip-over protection, from $149.
meta   home_garden Lawn seed for shady gardens. Covers 50 square metres.
tiktok home_garden Sponsored | planting spring bulbs with my kids
google home_garden Garden Furniture Sale | Up to 30% Off Until 30 June.
meta   home_garden Rain barrels in 3 sizes, 200 to 500 litres.
meta   relationships Plan a date night in: recipes, games and a playlist.
meta   relationships Premarital counselling with licensed therapists, by video.
google relationships Singles Events in London | Book Tickets.
meta   fitness     Rowers from $399. Free delivery and 30-day returns.
meta   fitness     Marathon training plans for every level, with a coach.
tiktok fitness     #ad rowing for 20 min before work, machine linked
meta   fitness     Yoga mats, 6 mm thick, non-slip.
meta   general     Our prices went up 3% this year because our costs did. Here's why.
meta   general     New colours in stock: sage, sand and navy.
meta   general     Gift wrapping is free until 22 December.
meta   general     Customer reviews: 4.5 stars from 3,000 buyers.
meta   general     Doors open at 10am on Saturday.
meta   general     Free shipping, always.
meta   general     Winter boots for kids, sizes 10 to 3.
tiktok general     #ad 3 ways i style one scarf
google home_garden Hedge trimmers with 60-minute batteries. Free delivery over $50.
meta   fitness     #ad Three months with this jump rope; it folds into a pouch. Link below.
tiktok make_money  Ad: I earn a commission. How I set up my first digital planner shop
google make_money  Agency Course | 12 Modules, One-Time Price of $297.
meta   beauty      A peptide serum for nightly use. Results vary; wear sunscreen by day.
google health      Magnesium, Zinc & D3 | Third-party tested, 60 capsules.
tiktok fitness     Sponsored | my glute warm-up with a mini band
meta   weight_loss Balanced meals, delivered. Built with dietitians for steady habits.
meta   software    Antivirus for 5 devices, with a 30-day money-back guarantee.
tiktok weight_loss #ad my afternoon green tea, recipe in the app
meta   relationships Conversation starters for first dates, free download.
meta   finance     Credit-builder cards: see eligibility without affecting your score.
meta   health      Carb counting made simple: a food diary with 10,000 foods.
meta   beauty      Full skincare set, $29 this week only, until 14 March.
tiktok beauty      #ad lash serum i've used for a month, code LASH20, results vary
meta   health      Arthritis-friendly kitchen tools with large grips.
google finance     Personal Loans | Check Your Rate in 2 Minutes.
meta   home_garden Sponsored: I earn a commission. I tried 7 robot vacuums; here are my notes.
tiktok beauty      Ad | the viral serum, my honest review after 6 weeks
google health      Glucose Monitors | Compare Prices and Features.
meta   make_money  Learn bookkeeping from your spare room, at your own pace.
meta   weight_loss Size-inclusive activewear, sizes 6 to 32.
tiktok health      #ad the gut-health cookbook i cook from every week
meta   fitness     A 21-day stretching challenge, 10 minutes a day.
meta   software    Licences for teams of 10 or more get volume pricing.
meta   finance     Budgeting coaching for households: free first session.
meta   beauty      Gentle acne cleanser with 2% salicylic acid.
google weight_loss Keto Recipes | 300 Meals, Free App.
meta   make_money  Our students' results vary widely; see the income disclosure on our site.
meta   health      Probiotic with 10 strains. Ask your doctor if it suits you.
tiktok home_garden #ad the weed puller that saves my back, link in bio
meta   weight_loss A bathroom scale that syncs with your phone.
meta   beauty      Vitamin C serum: brightening, 30 ml, fragrance free.
google software    VPN Comparison | Prices and Features Side by Side.
meta   relationships Singles nights at local bars, every Friday.
tiktok make_money  Sponsored: I earn a commission. My planner template workflow
meta   home_garden Members save 15% on every order.
meta   home_garden Was it the soil or the sun? Our free guide helps you find out.
meta   fitness     Personal training from $40 a session.
meta   general     We're hiring: warehouse staff, $18 an hour, weekend shifts.
meta   weight_loss A walking pad that fits under your desk. 2-year warranty.
tiktok weight_loss #ad the overnight oats i prep on sundays, recipe in bio
google weight_loss Dietitian-Designed Meal Plans | Try 7 Days Free.
meta   health      Blood pressure can rise with stress. Learn five habits that help, from our
                 + nurses.
meta   health      Book a vertigo assessment with a physiotherapist.
meta   health      Kidney stone pain? Our urgent care clinics are open until 10pm.
meta   make_money  Survey panels pay small amounts per survey; most members earn a few dollars a
                 + month.
tiktok make_money  Sponsored | how i track my freelance income in a spreadsheet
google make_money  Online Survey Panel | Join Free, Paid per Survey.
meta   finance     Savings goals you can see: round-ups, pots and reminders.
meta   finance     Retirement planning workshop, free, on 9 October.
meta   beauty      Laser hair removal consultations are free this month, until 30 November.
meta   beauty      Our sunscreen is dermatologist-tested and fragrance free.
tiktok fitness     #ad my weekly lifting split, app linked
google relationships Couples Therapy Online | Licensed Therapists, Flexible Times.
meta   relationships Dating after divorce: a free guide to getting started again.
meta   software    Founder pricing is available until 1 March.
tiktok make_money  #ad I earn a commission if you enroll. My honest notes on this course
meta   health      Free delivery on prescriptions, usually within 2 days.
google software    Antivirus for Mac | 30-Day Money-Back Guarantee.
meta   software    Accounting software for sole traders, $12 a month.
meta   home_garden Garden sofa sets, 25% off until 14 July.
tiktok beauty      #ad my at-home nail kit, lasts about 2 weeks for me
meta   health      Our nurses answer questions about anxiety medication side effects.
meta   fitness     Home gym equipment with free installation.
google fitness     Home Gym Equipment | Buy Online, Free Delivery.
meta   home_garden Lawn care tips from our gardeners, every month by email.
meta   general     Everything in store is 20% off until Sunday 5 May.
meta   general     We're proud to be rated 4.8 on Trustpilot by 5,000 customers.
meta   beauty      Hair removal cream for sensitive skin, 100 ml.
meta   health      Mental health support for teams: talk to a counsellor within 48 hours.
tiktok home_garden #ad grilling on my balcony with this little charcoal grill
meta   general     Your order ships today if you order by 2pm.
google general     Same-Day Delivery | Order by 2pm.
meta   finance     Car loans from 6.9% APR representative.
meta   weight_loss Our coaches help with meal planning and movement. Most members go at their
                 + own pace.
meta   software    Early-bird tickets for our conference are available until 12 June.
meta   general     Our founder's story: from a kitchen table to 40 staff.
meta   fitness     Beginner lifting classes, 6 people per class.
meta   health      Our pharmacists can review your medicines for free.
google make_money  10 modules on client outreach, pricing and proposals. Most students finish in
                 + 8 weeks. || Freelance Design Course
google beauty      Lightweight formula for evening use. Introduce slowly and use SPF by day. ||
                 + Retinol Night Cream 0.5%
meta   make_money  Ad: I get paid if you sign up. This course covers setting up a
                 + print-on-demand shop; what you earn depends on your shop.
tiktok beauty      #ad evening routine w the ceramide cream i've used since january 🌙 results
                 + vary, patch test first
google fitness     Change weights in seconds with a twist. 3-year warranty, free returns within
                 + 30 days. || Adjustable Kettlebell 4-20 kg
tiktok fitness     form tip: how to brace before a squat so your lower back stays neutral 🏋️
                 + save for leg day
meta   weight_loss Results vary. A 10-week meal plan with 70 high-fibre recipes and shopping
                 + lists, built to go with regular activity.
meta   fitness     Sponsored | Two 30-minute mobility sessions a week, guided in the app.
                 + Beginners start seated.
google relationships Meet people nearby who share your hobbies. Verified profiles and free chat.
                   + || Dating for Over 60s
google health      Third-party tested softgels, 60 per bottle. Ask your pharmacist if it suits
                 + you. || Omega-3 1000 mg
google finance     Free, confidential debt advice from accredited counsellors. || Struggling
                 + With Bills?
meta   home_garden Herb seed sale: 20% off basil and mint until 30 April. Ships in compostable
                 + packaging.
tiktok make_money  #ad the scheduling app i use for my freelance clients 📅 sends reminders so i
                 + don't have to
meta   finance     Investing involves risk, including loss of capital. Our starter course
                 + explains funds, fees and diversification.
meta   software    Used by 1,800 dental practices to manage appointments. Book a 20-minute demo.
google home_garden Galvanised steel beds in 3 sizes. Free delivery on orders over $100. || Metal
                 + Raised Garden Beds
tiktok health      #ad the weekly pill box i set up for my dad 💊 morning and night, big lids
meta   health      Back pain is common in desk workers. Our free guide covers posture and when
                 + to see a GP.
google software    Store passwords securely, share vaults and sync devices. Try it free for 14
                 + days! || Password Manager for Families
meta   weight_loss #ad I earn a commission if you order. I've used this meal kit for six weeks
                 + and weeknight dinners take 15 minutes.
tiktok home_garden #ad this tool rack is why my shed isn't chaos anymore 😂 wall-mounted, holds
                 + 12 tools
meta   beauty      Mineral SPF 30 with zinc oxide, sheer on most skin tones. 30-day money-back
                 + guarantee.
meta   relationships Online couples counselling with accredited therapists. Video or chat, from
                   + $70.
""",
    3,
)


@pytest.mark.parametrize(("family", "platform", "niche", "text", "headline"), VIOLATING)
def test_new_wording_of_a_violation_is_caught(family, platform, niche, text, headline):
    verdict = check(text, platform, niche, headline=headline)
    assert not verdict.passed, text
    assert family in {f.family for f in verdict.findings if f.severity != "low"}, verdict.rule_ids


@pytest.mark.parametrize(("platform", "niche", "text", "headline"), COMPLIANT)
def test_risky_looking_compliant_copy_passes(platform, niche, text, headline):
    verdict = check(text, platform, niche, headline=headline)
    assert verdict.passed, [(f.rule_id, f.quote) for f in verdict.findings]


def test_the_tables_hold_what_they_say():
    assert len(VIOLATING) >= 150 and len(COMPLIANT) >= 150
    assert all(len(row) == 5 for row in VIOLATING) and all(len(row) == 4 for row in COMPLIANT)
    assert sum(row[-1] is not None for row in VIOLATING + COMPLIANT) >= 10  # Google headlines


def test_google_headline_rules_hold_for_new_wording():
    text = "Fast, private browsing on every device. Try it free."
    assert "editorial" in families(text, "google", "software", headline="Best VPN Ever!")
    assert check(text, "google", "software", headline="Private Browsing").passed
    assert "editorial" in families("Compare 12 mowers.", "google", headline="Mower Sale!!")
