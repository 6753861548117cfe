"""Word lists the detectors are built from, kept apart so they can grow without touching logic.

Each list is regex alternatives (lower case; matching ignores case). They follow the policy
files' descriptions: what the platforms name as prohibited, in the forms ad copy uses.
"""

from __future__ import annotations

# Conditions a health claim would cure or treat (FTC, Meta, Google healthcare).
DISEASES = (
    r"(?:type\s*[12]\s+)?diabet(?:es|ic)",
    r"arthritis",
    r"tinnitus",
    r"(?:the )?ringing(?: in (?:your|my|the) ears)?",
    r"cancer",
    r"candida",
    r"insomnia",
    r"sleepless nights",
    r"eczema",
    r"psoriasis",
    r"joint pain",
    r"back pain",
    r"nerve pain",
    r"neuropathy",
    r"chronic pain",
    r"(?:high\s+)?blood pressure",
    r"hypertension",
    r"(?:high\s+)?cholesterol",
    r"blood sugar",
    r"depression",
    r"anxiety",
    r"alzheimer'?s",
    r"dementia",
    r"(?:your\s+)?gut",
    r"erectile dysfunction",
    r"impotence",
    r"hair loss",
    r"baldness",
    r"obesity",
    r"acne",
    r"rosacea",
    r"infections?",
    r"inflammation",
    r"diseases?",
    r"migraines?",
    r"fibromyalgia",
    r"gout",
    r"asthma",
    r"allergies",
    r"nerve damage",
    r"thyroid",
    r"kidney (?:disease|stones)",
    r"heart disease",
    r"osteoporosis",
    r"sciatica",
    r"bald spots",
    r"(?:clogged )?arteries",
    # Conditions named by their medical suffix (tendinitis, neuralgia, anaemia…), minus the
    # ordinary words that share one.
    r"(?!(?:diagnosis|prognosis|hypnosis|osmosis|symbiosis|metamorphosis|empathy|sympathy|apathy"
    r"|antipathy|telepathy|homeopathy|naturopathy|osteopathy|nostalgia|academia)\b)"
    r"[a-z]{3,}(?:itis|osis|aemia|emia|pathy|algia)",
    r"(?:joint|back|knee|neck|hip|shoulder|nerve|muscle|foot|feet|heel|ankle|wrist|elbow|jaw|leg"
    r"|pelvic|tooth|period|chronic)\s+"
    r"(?:pain|aches?|stiffness)",
    r"headaches?",
    r"brain fog",
    r"bloat(?:ing)?",
    r"acid reflux",
    r"heartburn",
    r"ibs",
    r"constipation",
    r"snoring",
    r"sleep apnea",
    r"varicose veins",
    r"(?:toe)?nail fungus",
    r"cold sores",
    r"memory loss",
    r"cognitive decline",
    r"vertigo",
    r"low testosterone",
    r"(?:menopause|pms) symptoms",
    r"hot flash(?:es)?",
    r"colds? (?:and|&) flu",
    r"(?:the )?flu",
    r"adhd",
    r"ptsd",
    # Lab numbers a claim says the product fixed: "her A1C went back to normal".
    r"h?ba1c",
    r"a1c",
    r"triglycerides",
    r"(?:blood |fasting )?glucose",
    r"(?:blood )?(?:sugar|glucose|cholesterol|thyroid|hormone|testosterone|insulin|cortisol|bp)"
    r" (?:levels|readings|numbers)",
)
CURE_VERBS = (
    r"cur(?:e|es|ed|ing)",
    r"handl(?:e|es|ed)",
    r"control(?:s|led)?",
    r"tam(?:e|es|ed)",
    r"fight(?:s)?",
    r"combat(?:s)?",
    r"tackl(?:e|es|ed)",
    r"treat(?:s|ed|ing)?",
    r"heal(?:s|ed|ing)?",
    r"revers(?:e|es|ed|ing)",
    r"eliminat(?:e|es|ed|ing)",
    r"prevent(?:s|ed|ing)?",
    r"kill(?:s|ed|ing)?",
    r"get(?:s)? rid of",
    r"say (?:goodbye|farewell|bye(?:-bye)?) to",
    r"end(?:s|ed)?",
    r"wipe(?:s|d)? out",
    r"erase(?:s|d)?",
    r"fix(?:es|ed)?",
    r"lower(?:s|ed|ing)?(?! back\b)",  # "lower back pain" names a place, not a claim
    r"stop(?:s|ped)?",
    r"reliev(?:e|es|ed|ing)",
    r"relief (?:from|for)",
    r"repair(?:s|ed)?",
    r"restor(?:e|es|ed)",
    r"regrow(?:s|ing)?",
    r"clear(?:s|ed)?",
    r"unclog(?:s|ged)?",
    r"banish(?:es|ed)?",
    r"defeat(?:s|ed)?",
    r"dissolv(?:e|es|ed|ing)",
    r"zap(?:s|ped)?",
    r"undo(?:es)?",
    r"resolv(?:e|es|ed)",
    r"knock(?:s|ed)? out",
    r"no more",
    r"bye[- ]bye(?: to)?",
    r"beat(?:s)?",
    r"silenc(?:e|es|ed|ing)",
)
# Signs of ageing a cosmetic claim says it removes ("erase crow's feet"): a drug claim, not a
# description of the product.
SKIN_CONCERNS = (
    r"wrinkles",
    r"fine lines",
    r"crow'?s feet",
    r"(?:dark|age|sun) spots",
    r"stretch marks",
    r"acne scars",
    r"scars",
    r"cellulite",
    r"eye bags",
    r"sagging(?: skin)?",
    r"(?:the )?(?:signs of )?age?ing",
)
REMOVE_VERBS = (
    r"eras(?:e|es|ed|ing)",
    r"eliminat(?:e|es|ed|ing)",
    r"remov(?:e|es|ed|ing)",
    r"banish(?:es|ed|ing)?",
    r"revers(?:e|es|ed|ing)",
    r"get(?:s|ting)? rid of",
    r"melt(?:s|ed|ing)? away",
    r"wip(?:e|es|ed|ing) (?:out|away)",
)
# A condition said to be gone or tamed after the product: "his blood pressure came down".
CONDITION_OUTCOMES = (
    r"down",
    r"gone",
    r"normal(?:i[sz]ed)?",
    r"back to normal",
    r"under control",
    r"cured",
    r"reversed",
    r"vanish(?:ed|es)?",
    r"disappear(?:ed|s)?",
    r"dropped",
    r"plummet(?:ed|s)?",
    r"(?:went|came|is|are) away",
    r"goodbye",
    r"clear(?:ed|s)?(?: up)?",
    r"behav(?:es|ing|ed)",
    r"stabili[sz](?:es|ed|ing)",
    r"balanced",
    r"in (?:check|range)",
)
# Medicines a claim says people came off: "off his meds", "ditched her insulin".
MEDICINES = (
    r"(?:meds|medications?|medicines?|insulin|pills|statins|inhalers?|prescriptions?|cpap"
    r"|(?:reading )?glasses|hearing aids?|walking stick|cane|knee surgery|surgery)"
)

# The body outcomes weight-loss claims promise, and the verbs that promise them, so that
# "flattens the tummy in a week" is read as the claim it is whatever the exact words.
BODY_TARGETS = (
    r"(?:dad|mum|mom) bod",
    r"(?:beer|mummy|mommy) (?:belly|tummy)",
    r"baby weight",
    r"spare t(?:y|i)re",
    r"bingo wings",
    r"(?:belly|body|stubborn|arm|thigh|back) fat",
    r"fat",
    r"weight",
    r"belly",
    r"tummy",
    r"stomach",
    r"waist(?:line)?",
    r"thighs",
    r"hips",
    r"love handles",
    r"muffin top",
    r"double chin",
    r"cellulite",
    r"bloat(?:ing)?",
    r"(?:dress |jean |pant )?sizes?",
    r"inches",
    r"pounds",
    r"kilos",
)
SLIM_VERBS = (
    r"los(?:e|es|ing)",
    r"lost",
    r"drop(?:s|ped|ping)?",
    r"shed(?:s|ding)?",
    r"burn(?:s|ed|t|ing)?",
    r"melt(?:s|ed|ing)?(?: away)?",
    r"torch(?:es|ed|ing)?",
    r"blast(?:s|ed|ing)?",
    r"zap(?:s|ped|ping)?",
    r"trim(?:s|med|ming)?",
    r"slim(?:s|med|ming)?(?: down)?",
    r"shrink(?:s|ing)?",
    r"shrunk",
    r"flatten(?:s|ed|ing)?",
    r"tighten(?:s|ed|ing)?",
    r"banish(?:es|ed|ing)?",
    r"destroy(?:s|ed|ing)?",
    r"get(?:s|ting)? rid of",
    r"say goodbye to",
)
# What a "no diet, no exercise" promise says you can skip, and the ways of saying "skip".
EFFORTS = (
    r"diet(?:s|ing)?",
    r"exercis(?:e|es|ing)",
    r"workouts?",
    r"working out",
    r"gym",
    r"cardio",
    r"counting(?: calories| macros| points)?",
    r"calorie counting",
    r"starving(?: yourself)?",
    r"hunger",
    r"willpower",
    r"sweat(?:ing)?",
    r"(?:any )?effort",
    r"giving up (?:\w+)",
    r"cutting (?:out )?(?:carbs|sugar|\w+)",
    r"lifting a finger",
    r"changing (?:your|what you) eat",
)
NO_EFFORT = (
    r"no",
    r"zero",
    r"without",
    r"skip(?:ping)?(?: the)?",
    r"ditch(?:ing)?(?: the)?",
    r"forget(?: about)?(?: the)?",
    r"no need (?:for|to)",
    r"never",
    r"done with",
    r"no more",
    r"quit",
)
# Results outside weight that copy promises by a date: "visible abs in 21 days".
TIMED_OUTCOMES = (
    r"(?:visible |defined |shredded )?abs",
    r"six[- ]pack",
    r"(?:clear|clearer|glowing|flawless|perfect|younger|smoother|glass|baby[- ]soft|acne[- ]free"
    r"|spotless) skin",
    r"(?:wrinkle|acne|pain|debt|pimple)[- ]free",
    r"(?:thicker|fuller) hair",
    r"(?:whiter|straighter) teeth",
    r"(?:win|get|bring|won|got|brought)(?:s|ting|ging)? (?:him|her|(?:your|my|the) ex"
    r"|(?:your|my) (?:partner|husband|wife|boyfriend|girlfriend)) back",
    r"(?:him|her) to commit",
)

# Attributes Meta forbids an ad to assert about its reader.
PERSONAL_ATTRIBUTES = (
    r"overweight",
    r"obese",
    r"fat",
    r"belly",
    r"muffin top",
    r"diabet(?:es|ic)",
    r"depress(?:ion|ed)",
    r"anxiety",
    r"anxious",
    r"adhd",
    r"autis(?:m|tic)",
    r"bipolar",
    r"ptsd",
    r"acne",
    r"eczema",
    r"psoriasis",
    r"arthritis",
    r"bald(?:ing)?",
    r"hair ?line",
    r"hair loss",
    r"erectile",
    r"impoten(?:ce|t)",
    r"infertil(?:e|ity)",
    r"pregnant",
    r"menopaus(?:e|al)",
    r"cancer",
    r"insomnia",
    r"high blood pressure",
    r"wrinkles",
    r"cellulite",
    r"(?:credit card |student |medical )?debt",
    r"(?:student |payday |car |personal )?loans",
    r"bad credit",
    r"poor credit",
    r"broke",
    r"bankrupt(?:cy)?",
    r"unemployed",
    r"jobless",
    r"low income",
    r"pay (?:your|the) bills",
    r"divorced?",
    r"widow(?:ed|er)?",
    r"christian",
    r"muslim",
    r"jewish",
    r"hindu",
    r"catholic",
    r"gay",
    r"lesbian",
    r"bisexual",
    r"lgbtq?\+?",
    r"transgender",
    r"disab(?:led|ility)",
    r"criminal record",
    r"felony",
    r"over [3-9][05]s?\b",
    r"in your (?:40|50|60|70)s",
    r"seniors?",
    r"single",
    r"at (?:40|50|60|65|70)",
    r"can'?t (?:afford|pay)",
    r"(?:high )?cholesterol",
    r"high blood sugar",
    r"dark circles",
    r"fine lines",
    r"double chin",
    r"love handles",
    r"(?:your )?mortgage",
    r"thinning hair",
    r"hot flash(?:es)?",
    r"lonely",
    r"(?:in )?chronic pain",
    r"heavier(?: than)?",  # "your heavy bags" is luggage; "heavier than you'd like" is you
    r"feel(?:ing)? heavy",
    r"out of shape",
    r"(?:gaining|putting on|piling on) (?:the )?(?:weight|pounds|kilos)",
    r"unfit",
    r"(?:extra|excess|unwanted|stubborn) (?:weight|pounds|fat|kilos|belly)",
    r"(?:not|don'?t|doesn'?t|won'?t|no longer|never) fit(?:ting)?(?: into)?"
    r"(?: (?:your|my|the|those|that|any|her|his))?(?: \w+)? (?:jeans|clothes|dress|trousers|pants)",
    r"(?:can'?t )?(?:zip(?:ping)?|button(?:ing)?|squeez(?:e|ing)|fit(?:ting)?) (?:up |into )?"
    r"(?:your |those |the |my )?(?:\w+ )?(?:jeans|dress|clothes|trousers|pants|swimsuit)",
    r"flabby",
    r"saggy",
    r"jiggly",
    r"chubby",
    r"plus[- ]size",
    r"(?:beer|menopause|mummy|mommy|post-?baby) belly",
    r"(?:weight|body) (?:issues|problems|struggles)",
    r"(?:muffin|spare) t(?:y|i)re",
    r"bingo wings",
    r"dad bod",
    r"bills? (?:are )?piling up",
    r"(?:make|making) ends meet",
    r"(?:short|tight|low) on (?:cash|money|funds)",
    r"strapped for cash",
    r"credit(?: score)? (?:under|below|of|less than) [3-6]\d\d",
    r"piles? of bills",
    r"(?:unpaid|overdue) bills",
    r"(?:bad|poor|low|terrible|awful|damaged|ruined|wrecked) credit(?: scores?)?",
    r"credit(?: score)? (?:in the (?:basement|gutter|toilet)|tank(?:ed|ing)|ruined|shot)",
    r"in debt",
    r"maxed[- ]out",
    r"overdrawn",
    r"pay ?check to pay ?check",
    r"payday to payday",
    r"can'?t make rent",
    r"behind on (?:\w+ ){0,2}(?:payments|bills|rent|mortgage)",
    r"(?:late|missed) (?:\w+ )?payments",
    r"(?:turning|hitting|pushing) [3-9]0\b",
    r"in your (?:[3-9]0)s",
    r"dumped",
    r"heartbroken",
    r"(?:going through a |after a )?(?:breakup|divorce)",
    r"ex\b",
)
# Group identities, asserted about the reader only with "are you", "you're", "fellow" (a bare
# "your" before "black" is a dress colour; "as a Black-owned shop" is the advertiser).
IDENTITIES = (
    r"black",
    r"latin[oax]",
    r"hispanic",
    r"asian",
    r"(?:a )?(?:gay|queer|trans|christian|muslim|jewish|hindu|sikh|catholic|immigrant)",
)
IDENTITY_CUES = (r"are (?:you|u)(?: an?)?", r"you(?:'re| are)(?: an?)?", r"fellow")
# Ways copy puts an attribute on the reader ("are you…", "your…", "struggling with…").
SECOND_PERSON_CUES = (
    r"are you",
    r"you(?:'re| are| were|'d|'ve)",
    r"your",
    r"do you",
    r"if you(?:'re| are| have)",
    r"struggling (?:with|to)",
    r"hard to",
    r"suffer(?:ing)? from",
    r"tired of",
    r"living with",
    r"hate how",
    r"people like you",
    r"drowning in",
    r"buried in",
    r"dealing with",
    r"battling",
    r"feeling",
    r"embarrassed (?:by|about)",
    r"worried about",
    r"behind on",
    r"self-conscious about",
    r"ashamed of",
    r"sick of",
    r"fed up with",
    r"unhappy with",
    r"insecure about",
    r"hate (?:your|that|the way)",
    r"can'?t (?:shift|lose|get rid of|stand|stop|sleep|budge|seem to)",
    r"you(?:'ve| have) (?:got|been)",
    r"you (?:have|suffer from|struggle with|deal with|live with|hate)",
    r"do you (?:get|struggle|hate|wish)",
    r"u r",
    r"ur",
    r"ya",
)

# What a reader is asked to feel bad about in a question ("Hate the way your thighs look?"):
# with a second person and a negative feeling, the question asserts the attribute.
BODY_AND_MONEY_STATES = (
    r"thighs",
    r"arms",
    r"belly",
    r"tummy",
    r"stomach",
    r"waist",
    r"hips",
    r"weight",
    r"body",
    r"skin",
    r"face",
    r"hair",
    r"teeth",
    r"smile",
    r"reflection",
    r"mirror",
    r"jeans",
    r"clothes",
    r"size",
    r"bills?",
    r"debts?",
    r"credit",
    r"rent",
    r"loans?",
    r"payments",
    r"money",
)
NEGATIVE_FEELINGS = (
    r"hate",
    r"hating",
    r"tired",
    r"sick",
    r"fed up",
    r"struggl\w*",
    r"embarrass\w*",
    r"ashamed",
    r"worried",
    r"insecure",
    r"unhappy",
    r"self-conscious",
    r"stuck",
    r"can'?t",
    r"don'?t like",
    r"keep(?:s|ing)? you up",
    r"drag\w*",
    r"ruin\w*",
    r"stress\w*",
    r"piling",
    r"hiding",
    r"covering up",
)

# Every inflection of each verb: "pulling in" is as much a claim as "pulls in". A bare "pay" is
# left out: "pay $37 once" is a price; "pays you $50" is earnings.
EARN_VERBS = (
    r"mak(?:e|es|ing)",
    r"made",
    r"earn(?:s|ed|ing|t)?",
    r"pa(?:ys?|id|ying) (?:you|me|us|them|out)",
    r"get(?:s|ting)? paid",
    r"got paid",
    r"profit(?:s|ed|ing)?",
    r"bank(?:s|ed|ing)?",
    r"generat(?:e|es|ed|ing)",
    r"clear(?:s|ed|ing)?",
    r"net(?:s|ted|ting)?",
    r"cash(?:es|ed|ing)? (?:in|out)",
    r"pull(?:s|ed|ing)?(?: in| down)?",
    r"rak(?:e|es|ed|ing) in",
    r"br(?:ing|ings|inging|ought) (?:in|home)",
    r"tak(?:e|es|ing) home",
    r"took home",
)
# Words that may stand between an earning verb and its amount ("made my first $1k").
EARN_FILLERS = (
    r"you",
    r"me",
    r"my",
    r"your",
    r"their",
    r"his",
    r"her",
    r"an extra",
    r"a whopping",
    r"first",
    r"extra",
    r"another",
    r"additional",
    r"over",
    r"up to",
    r"at least",
    r"more than",
    r"nearly",
    r"almost",
    r"around",
    r"about",
    r"close to",
    r"easy",
    r"cool",
    r"solid",
    r"whopping",
    r"consistent",
    r"like",
)
GET_RICH = (
    r"get(?:ting)? rich",
    r"passive income",
    r"financial freedom",
    r"financially free",
    r"quit (?:your|my) (?:9[- ]to[- ]5|job|day job)",
    r"fire your boss",
    r"replac(?:e|es|ed|ing) (?:your|my|their|his|her)(?: [\w'-]+)? (?:salary|income|paycheck|job"
    r"|wage)",
    r"easy money",
    r"fast cash",
    r"full[- ]time income",
    r"millionaires?",
    r"(?:four|five|six|seven|eight|[4-8])[- ]figures?",
    r"make money (?:online|from home|fast|while)",
    r"double (?:your|my) money",
    r"(?:earn|make|paid)\w* while (?:you|I) sleep",
    r"get paid forever",
    r"makes? more than (?:your|my) boss",
    r"quit (?:your|my) job",
    r"retire (?:early|in \d+)",
    r"retir(?:e|es|ed|ing) (?:\w+ ){1,3}early",
    r"(?:second|extra|side|full) income",
    r"from broke to",
    r"(?:a|small|retirement) fortune",
    r"\d+\s?% (?:returns?|profit|gains?)(?: (?:a|per|every) (?:day|week|month))?",
    r"returns? (?:a|per|every) (?:day|week|month)",
    r"\d+\s?% (?:returns?|roi|profits?|gains?|yields?)(?: (?:a|per|every))? ?"
    r"(?:daily|weekly|monthly|day|week|month)",
    r"(?:returns?|roi|yields?) of \d+\s?%",
    r"\d+\s?% (?:daily|weekly|monthly) (?:returns?|roi|profits?|gains?|yields?)",
    # A rate earned per day, week or month is a trading pitch; savings rates are yearly.
    r"(?:earn|make|get|gain)\w* (?:up to )?\d+(?:\.\d+)?\s?% "
    r"(?:daily|weekly|monthly|(?:a|per|every) (?:day|week|month))",
    r"(?:double|triple|10x) (?:your|my|their) (?:money|investment|savings|income|cash)",
    r"(?:grow|turn|multiply|boost)\w* (?:your|my|their) (?:money|savings|investments?|portfolio"
    r"|account|income|cash) (?:\d+x|tenfold|(?:by )?(?:[5-9]\d|\d{3,}) ?%)",
    r"(?:earn|make|made|making|pull(?:ing)? in)\w* (?:(?:thousands|hundreds)(?! of (?:points"
    r"|miles|rewards|recipes|templates|people|users|customers))|a fortune|big money"
    r"|serious (?:money|cash)|real money|extra cash|bank)",
    r"(?:pays?|earns?|makes?|paying|earning|making) (?:way |much |far )?more than"
    r" (?:your|my|a|their)"
    r"(?: \w+)? (?:job|salary|boss|paycheck|9[- ]?(?:to[- ]?)?5)",
    r"(?:side hustle|side gig|side business|app|bot|system) (?:now |already |literally )?"
    r"(?:pays?|earns?|makes?) (?:me |you )?more",
    r"(?:money|income|cash|sales|profits?|commissions?) on autopilot",
    r"(?:laptop|phone|side hustle|side gig|blog|channel|store|shop|app|business) (?:now |already )?"
    r"(?:pays?|covers?) (?:for )?(?:all )?(?:my|your|our) (?:rent|bills|mortgage)",
    r"(?:already|now|literally|it'?s|that|this) (?:pays?|paying|covers?|covering) (?:for )?"
    r"(?:all )?(?:my|your|our) (?:rent|bills|mortgage)",
    r"on autopilot (?:income|money|cash|profits?)",
    r"(?:quit|leave|ditch|fire) (?:your|my|their) (?:9[- ]?(?:to[- ]?)?5|boss)",
)

GUARANTEE_REFUND_CONTEXT = (
    r"money[- ]back",
    r"refund",
    r"satisfaction",
    r"\d+[- ]day",
    r"no[- ]questions[- ]asked",
    r"lifetime",
    r"price(?:[- ]match)?",
    r"lowest[- ]price",
    r"delivery",
    r"happiness",
)
# What a product guarantee covers when it is a warranty, not a result: "guarantee against defects".
GUARANTEE_WARRANTY_OBJECT = (
    r"(?:against|on|for|covers?) (?:\w+ )?(?:defects|parts|workmanship|breakage|materials|repairs)"
)
INSTANT_RESULTS = (
    r"instant(?:ly)? (?:results?|relief|weight loss|fix|cure|transformation)",
    r"results? (?:overnight|in (?:just )?\d+ (?:hours?|minutes?|seconds?))",
    r"(?:clear|perfect|glowing|flawless|younger) skin overnight",
    r"overnight (?:results?|success)",
    # "wrinkles vanish in 60 seconds" — but not "this price disappears in 10 minutes"
    r"(?<!price )(?<!offer )(?<!deal )(?<!discount )"
    r"(?:vanish|disappear|gone|melt away)\w* in (?:just )?\d+ (?:seconds?|minutes?)",
    r"permanent(?:ly)? (?:results?|hair removal|fix|weight loss|cure)",
    r"after (?:just )?(?:one|1|a single) (?:use|application|session|dose)",
    r"100\s?% (?:effective|success|results?)",
    r"works every (?:single )?time",
    r"(?:will|to) (?:erase|eliminate|remove) (?:your )?"
    r"(?:fine lines|wrinkles|cellulite|stretch marks|dark spots)",
    # results promised for good — not "the bonus disappears forever" (that is urgency)
    r"(?<!bonus )(?<!offer )(?<!price )(?<!deal )"
    r"(?:gone|vanish\w*|disappear\w*) (?:for good|forever|permanently)",
    r"works for every(?:one|body)",
    r"never fails",
    r"works? (?:\w+ )?(?:for )?(?:literally |absolutely |truly |really )?"
    r"(?:every(?:one|body)|any(?:one|body)|all of us)",
    r"works? (?:\w+ )?every (?:single )?time",
    r"(?:works?|worked)(?: \w+)? without fail",
    r"never fails?",
    r"(?:can'?t|cannot|won'?t) fail",
    r"fool[- ]?proof",
    r"fail[- ]?proof",
    r"promised? (?:results?|you(?:'ll| will) (?:lose|see|get|look|feel|make|earn))",
    r"(?:instant(?:ly)?|overnight) (?:glow|clear skin|fat loss|pain relief|slimming|lift)",
    # An outcome in someone else's heart, promised: "makes him obsessed again".
    r"makes? (?:him|her|them|any (?:man|woman|guy|girl)) (?:\w+ )?(?:obsessed|fall (?:in love"
    r"|for you)|commit|chase you|crave you|beg|come (?:running )?back|want you|addicted)",
)

SCARCITY = (
    r"only \d+ (?:\w+ )?(?:spots?|seats?|places?|copies|bottles?|units?|jars?|licen[cs]es?|left)",
    r"\d+ (?:\w+ )?(?:spots?|seats?|places?|copies|bottles?|units?|jars?) (?:left|remaining)",
    r"only (?:a )?few (?:left|remaining|spots|seats)",
    r"selling out(?: fast)?",
    r"(?:stock|supply|supplies|inventory) (?:is|are) (?:\w+ )?(?:low|limited|running out)",
    r"(?:low|limited) (?:in )?stock",
    r"sold out in (?:\d+|a few|under|less than) ?(?:\w+ )?(?:hours?|hrs?|minutes?|mins?|days?)",
    r"running out(?: fast)?",
    r"(?:almost|nearly) gone",
    r"self[- ]destructs?",
    r"\d+ (?:\w+ )?(?:spots?|seats?|places?|copies|bottles?|units?|jars?|licen[cs]es?) remain",
    r"almost sold out",
    r"(?:limited|few) "
    r"(?:seats|spots|places|slots|licen[cs]es|copies|units|bottles|spaces|invites)",
    r"(?:taken|shut|pulled) down",
    r"(?:trying to|want to|going to|about to) ban",
    r"before (?:it|this|they) (?:gets? )?(?:banned|removed|deleted)",
    r"while (?:you|u) (?:still )?can",
    r"doors close",
    r"won'?t (?:open|be available|be offered) again",
    r"never (?:be )?(?:available|offered) again",
    r"countdown",
    r"timer (?:runs|ends|hits)",
    r"(?:only|just) (?:\d+|a handful|a couple|a few|one|two|three|four|five|six|seven|eight|nine"
    r"|ten)"
    r"(?! (?:days?|hours?|minutes?|weeks?)\b)(?: [\w-]+){0,2} (?:left|remain(?:ing)?)",
    r"only \d+ (?:[\w-]+ )?(?:spots?|seats?|places?|slots?|copies|licen[cs]es|bottles?|units?)\b",
    r"(?:won'?t|will not|never) (?:be back|come back|last)",
    r"(?:gone|over) (?:for good|forever) (?:once|when)",
    r"(?:going|selling|flying) (?:fast|quickly|off the shelves)",
    r"(?:pulling|deleting|removing|taking down) (?:this|the|my|our) (?:video|page|offer|post)",
    r"(?:first|next) \d+ (?:people|buyers|customers|members|sign-?ups|students)"
    r" (?:get|gets|receive|only|will get|to (?:join|order|sign up))",
    r"(?:once|when) (?:they|we) (?:hit|reach|get to) \d+",
    # "They're discontinuing it next week" is pressure; "this model is discontinued" is a fact.
    r"(?:they'?re|we'?re|is being|are being|getting) discontinu(?:ed|ing)",
    r"\d+ (?:people|others) (?:are )?(?:viewing|watching|looking at)",
)
URGENCY = (
    r"hurry",
    r"act (?:now|fast|quickly)",
    r"today only",
    r"only today",
    r"last chance",
    r"(?:last|final) (?:call|hours?)",
    r"before it'?s too late",
    r"price (?:goes|will go) up",
    r"expires? (?:soon|tonight|today|in)",
    r"(?:ends|closes?) (?:tonight|today|soon|at midnight|in \d+)",
    r"(?:ends|closes?|expires?) at \d{1,2}(?:[:.]\d\d)? ?(?:am|pm)? ?(?:tonight|today|tomorrow)",
    r"no extensions",
    r"don'?t miss (?:out|this|it)",
    r"now or never",
    r"(?:price|offer|deal|discount) (?:disappears|vanishes|ends) in",
    r"apply now before",
    r"(?:grab|get|buy) it (?:now )?before",
    r"at midnight",
    r"tonight only",
    r"ends in \d+ (?:minutes|hours)",
    r"for a limited time",
    r"limited[- ]time (?:only|offer|deal|price|pricing|bonus)",
    r"prices? (?:jumps?|rises?|doubles?|triples?|goes up|will (?:rise|jump|double|triple|go up))",
    r"before (?:the )?prices? (?:jumps?|rises?|doubles?|increases?|goes up)",
    # An offer said to end at an undated moment: "enrolment closes once we hit 50".
    r"(?:offer|deal|sale|price|pricing|discount|bonus|enrol?ment|registration|doors|cart|access"
    r"|training|webinar|link|video|page|code|replay|recording|masterclass|workshop|bundle|coupon)s?"
    r" (?:\w+ )?(?:closes?|ends|shuts?|expires?|goes away) (?:once|when|as soon as|the moment"
    r"|soon|tomorrow|this (?:week|weekend)|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:in|within) (?:\d+|an?|one|two|three) (?:minutes?|hours?|days?))",
    # Whatever the subject, being deleted or vanishing at an undated moment is a threat.
    r"(?:gets? (?:deleted|removed|taken down|pulled)|comes? down|goes offline|self-destructs?"
    r"|disappears?|vanishes) (?:once|when|as soon as|the moment|soon|tomorrow|tonight"
    r"|this (?:week|weekend)|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
    r"(?:ends|closes?|expires?|disappears?|vanishes|self-destructs?|goes offline) "
    r"(?:in|within) (?:\d+|an?|one|two|three) (?:minutes?|hours?)",
    r"(?:only|just) (?:\d+|one|two|three) (?:days?|hours?|minutes?) (?:left|to go)",
    r"(?:now|today) or never",
    r"(?:before|until|till) (?:it'?s|they'?re|these are|this is) gone",
    r"don'?t sleep on (?:this|it)",
)
# A real, dated end of an offer ("until 31 March", "ends Sunday 30 November") is not fake urgency.
MONTHS = (
    r"jan(?:uary)?",
    r"feb(?:ruary)?",
    r"mar(?:ch)?",
    r"apr(?:il)?",
    r"may",
    r"june?",
    r"july?",
    r"aug(?:ust)?",
    r"sep(?:t|tember)?",
    r"oct(?:ober)?",
    r"nov(?:ember)?",
    r"dec(?:ember)?",
)

REFERENCE_PRICE = (
    r"(?:regular|retail|normal|list|original|full|usual|standard) price",
    r"(?:salon|store|in-store|shop|clinic|spa|high[- ]street|boutique|dealer|market) prices?:?\s+"
    r"[$€£]\s?\d",
    r"(?:normally|usually|regularly|originally|was|previously|retails? (?:at|for))\s+[$€£]\s?\d",
    r"compare at\s+[$€£]\s?\d",
    r"(?:normally|usually|regularly|originally|previously)\s+(?:priced|sold|costs?|listed)"
    r"\s+(?:at|for)\s+[$€£]\s?\d",
    r"[$€£]\s?\d[\d,.]*k?\s+value",
    r"(?:worth|valued at)\s+(?:over\s+)?[$€£]\s?\d",
    r"(?:a|an)\s+[$€£]\s?\d[\d,.]*k?\s+(?:course|program|bundle|package)\s+for",
    r"(?:normally|usually|regularly|originally|previously|typically|retails?|retailing|valued"
    r"|msrp|rrp|sells? (?:for|at))(?:\s+\w+){0,3}\s+[$€£]\s?\d",
    r"(?:a|an|the|this|our)\s+[$€£]\s?\d[\d,.]*k?(?:\s+[\w-]+){1,3}[,\s]+(?:now|for|at"
    r"|yours(?: today)? for|today(?: only)?(?: for)?)\s+(?:just\s+|only\s+)?[$€£]\s?\d",
)

NEUTRALITY = (
    r"(?:ranked|rated|tested|reviewed) by independent (?:labs?|experts|testers|reviewers)",
    # A masthead that poses as news: "Health News Daily:".
    r"(?:health|news|medical|consumer|wellness|finance|money) (?:news|daily|times|journal|digest"
    r"|weekly|today|insider)(?: daily| weekly| today)?\s*:",
    r"(?:unbiased|independent|impartial|neutral|objective|honest)"
    r"(?:,? (?:and )?(?:unbiased|independent|honest))?(?: [\w-]+){0,2}"
    r" (?:reviews?|tests?|investigation|experts?|ranking|rating|comparison|report|verdict)",
    r"(?:we|i) (?:\w+ )?(?:tested|tried|reviewed|compared|ranked|rated) (?:over |more than )?\d+",
    r"breaking(?: news)?\s*[:!|-]",
    r"(?:consumer|health|news) (?:alert|bulletin|investigation)",
    r"consumer (?:health )?(?:reports?|guide|watchdog|watch|alert|digest|insider|advisor)",
    r"scam or legit",
    r"is [\w\s'-]{1,30} a scam\??",
    r"read (?:our|the) (?:full )?(?:report|investigation|findings)",
    r"our (?:independent )?investigation",
    # A dated ranking dressed as editorial: "Top 5 VPNs of 2026".
    r"(?:top|best) \d+ (?!(?:tips|ways|ideas|mistakes|reasons|steps|recipes|trends|things)\b)"
    r"[\w-]+(?: [\w-]+)? (?:of|for) 20\d\d",
    r"experts? (?:rank|rate|reveal)",
    r"(?:independently|impartially|objectively) (?:tested|reviewed|rated|ranked|compared)",
)
FALSE_INDEPENDENCE = (
    r"not (?:a )?#?sponsored",
    r"(?:isn'?t|wasn'?t|is not|was not) (?:a |an )?(?:sponsored|an? ad|paid|gifted)",
    r"(?:i|we) (?:actually|really) (?:paid for|bought) (?:it|this|them)",
    r"(?:i|we) (?:paid for|bought) (?:it|this|them) (?:myself|ourselves)",
    r"(?<=#)not ?(?:sponsored|an ?ad|paid|spon)",
    r"not an ad",
    r"(?:i'?m|i am|we'?re|we are) not affiliated",
    r"no one(?:'s| is)? (?:paid|pays|paying) me",
    r"nobody(?:'s| is)? (?:paid|pays|paying) me",
    r"not paid to say",
    r"this is not (?:an )?(?:ad|advert|advertisement)",
    r"not (?:an? )?(?:ad|advert|#ad)\b",
    r"not (?:being )?paid (?:to|for) (?:say|post|share|this)",
    r"not gifted",
    r"(?:no|zero) (?:brand )?(?:deals?|sponsors?|affiliation)",
    r"(?:bought|paid for) (?:it|this|them) (?:myself|with my own money)",
    r"with my own money",
)

CLICKBAIT = (
    r"\w+s hate (?:this|him|her|these|it)",
    r"(?:one )?weird trick",
    r"shocking",
    r"you won'?t believe",
    r"(?:don'?t|doesn'?t) want you to \w+",
    r"best[- ]kept secrets?",
    r"(?:finally|secret|truth) (?:revealed|exposed)",
    r"can'?t stop talking about",
    r"will surprise you",
    r"the truth about",
    r"(?:doctors|experts|scientists) (?:are )?(?:stunned|baffled|shocked)",
    r"secret (?:they|banks|doctors)",
    r"miracle",
    r"big (?:pharma|food|tech|sugar|oil|banks)",
    r"(?:trick|hack|secret|ritual|loophole)s? (?:that|which) (?:[\w-]+ ){1,3}(?:swear by|use|hate"
    r"|are using|rely on|won'?t share)",
    r"(?:hiding|hide|hid) (?:this |it )?from you",
    r"(?:\w+s) (?:are|is) (?:furious|outraged|livid|panicking)",
    r"(?:\w+s) (?:hate|fear|can'?t stand) (?:this|him|her|it|these|them|when)",
    r"(?:one |this |a )?(?:odd|weird|strange|bizarre|little-known|crazy|sneaky|forbidden)"
    r" (?:[\w-]+ ){0,2}(?:trick|hack|secret|ritual|loophole)",
    r"(?:doctors|dentists|dermatologists|experts|banks|lenders|trainers|\w+ists) hate",
    r"\w+s (?:are|were) (?:stunned|baffled|shocked|speechless|stumped|freaking out|losing their"
    r" minds|going (?:crazy|wild|nuts))",
    r"(?:doctors|dermatologists|experts|scientists|\w+ists) (?:are )?(?:obsessed|raving)",
    # A hook that withholds ("the secret Icelandic ritual"); "Secret Shed Plans" is a title.
    r"(?:the )?secret (?:[\w-]+ ){0,3}(?:trick|hack|ritual|remedy|cure|loophole)",
    r"(?:secret|trick|hack|truth|remedy|cure)\b[^.!?]{0,40}\b(?:hides?|hid|hiding|buries|buried"
    r"|suppress(?:es|ed)?|covers? up|keeps? quiet)",
    r"(?:what|things?|secrets?|the \w+)\s+(?:\w+\s+){0,3}(?:won'?t|don'?t|never|refuse to"
    r"|forgot to|didn'?t)\s+(?:tell|say|admit|reveal|mention)",
    r"(?:keeps?|kept) (?:it |this )?(?:quiet|hushed|under wraps)",
    r"(?:hidden|suppressed|banned|forbidden) (?:\w+ )?(?:secret|trick|remedy|cure|formula|truth)",
    r"(?:doctors|dentists|experts|scientists|pharmacists|dermatologists|trainers|banks|"
    r"lawyers|\w+ists) (?:are )?(?:stunned|baffled|shocked|speechless|stumped)",
    r"(?:jaw-dropping|mind-blowing|unbelievable)",
    r"what happens next",
)
UNSUBSTANTIATED = (
    r"(?:clinically|scientifically|medically) proven",
    r"proven to",
    r"doctor[- ]recommended",
    r"(?:doctor|dentist|dermatologist|expert|vet|pharmacist|nurse|physician)s?[- ]"
    r"(?:trusted|recommended|approved|endorsed|backed|preferred)",
    r"(?:blocks?|kills?|removes?|stops?|catches?|eliminates?) (?:100|99(?:\.\d+)?)\s?% of",
    # "#1" as a claim, not a list's first item ("tip #1", "our #1 priority").
    r"(?<!step )(?<!tip )(?<!rule )(?<!part )(?<!day )(?<!week )(?<!reason )(?<!our )"
    r"#\s?1\b(?!\s+(?:priority|tip|rule|question|step|reason|mistake|thing|fan|goal))",
    r"recommended by doctors",
    r"fda[- ]approved",
    r"approved by the fda",
    r"#1 rated",
    r"number one rated",
    r"best in the world",
    r"world'?s best",
    r"proven results",
    r"backed by (?:\d+ )?(?:clinical )?(?:science|studies|research|trials)",
    r"science[- ]backed",
    # Superiority and authority no one can check: "#1 … in the world", "experts agree".
    r"(?:#\s?1|no\.\s?1|number[- ]one)(?!\s+(?:priority|tip|rule|question|step|reason|mistake"
    r"|thing|fan|goal))(?:\s+[\w-]+){0,4}\s+(?:in|on) (?:the )?(?:world|planet|market|country"
    r"|america|uk|us)",
    r"(?:rated|ranked|voted|named) (?:the )?(?:#\s?1|no\.\s?1|number[- ]one|best|top)",
    r"world'?s (?:#\s?1|no\.\s?1|number[- ]one|first|most [\w-]+|[\w-]+est|best|leading|top)",
    r"(?:the )?(?:best|most effective|strongest|fastest|only) [\w-]+(?: [\w-]+)? (?:in the world|on"
    r" the (?:market|planet)|ever (?:made|created|invented))",
    r"(?:recommended|approved|endorsed|trusted|used|loved|rated) by (?:\d+[\d,]* )?(?:\w+ )?"
    r"(?:doctors|dermatologists|experts|scientists|nutritionists|dentists|physicians|pharmacists"
    r"|celebrities)",
    r"(?:doctors|dermatologists|experts|scientists|nutritionists|dentists|physicians)"
    r" (?:recommend|agree|approve|swear by|love)",
    r"(?:studies|research|science|clinical trials?) (?:proves?|confirms?)",
    r"proven (?:\w+ )?(?:system|method|formula|way|strategy|blueprint|secret|to work)",
    r"(?:lab|clinically|scientifically)[- ]proven",
)

# Capitalised words that are acronyms or units, not shouting.
_ACRONYM_LIST = """FDIC FSCS HSA FSA NHS HVAC USDA NASA RV ATV GPU CPU RAM SSD HDMI NFC ESG
GDPR HIPAA SOC ISO AES SSL SDK CMS ERP GP MRI ECG OTC HRT PCOS UTI LLM GPT CPAP
ADHD PTSD IBS COVID AER APY ATM FICO ISA AI API APR ASAP B2B B2C
BMI CBD CEO CPA CRM CRO
CSS CSV DIY DNA EST ETF EU EUR FAQ FDA FTC GBP GPS HD HIIT HR HTML IRA IRS IT IVF KPI LED
LLC MBA NFT NYC OK PC PDF PM POV PPC PST QR RSVP SEO SEM SMS SPF SQL SUV TV UK UN URL USA
USB USD UV VAT VPN VR XL XXL"""
ACRONYMS = frozenset(_ACRONYM_LIST.split())
