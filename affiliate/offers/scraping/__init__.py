"""Scraping login-protected marketplaces with selectors that heal themselves.

  browser         launching Chromium here, replaying a stored session and its fingerprint
  values          parsing money, percentages, counts as pages show them
  intents         what each scraper step looks for, with the cues that re-find it
  dom             the questions asked of a live page (one `evaluate` each)
  validation      whether a selector really finds its intent
  oracle          the repair oracle's contract; offline_oracle, the one that needs no LLM
  fingerprints    what the last good element looked like, kept under AFFILIATE_HOME
  healing         learned → default → repaired selectors, with evidence and a ledger row
  repairs         the `app.selector_repairs` ledger
  listing         reading a paginated listing; normalise: its rows into `Offer`s
  sandbox_login   a real browser login to the sandbox marketplace (tests, bench, demo)

Nothing here imports Playwright at module level except through functions that need it.
"""
