"""Statistics over the marts. The A/B engine:

variants.py / design.py   the input (rates: n, conversions; means: n, sum, sum_squares), checked
lift.py                   absolute lift, and relative lift with its delta-method variance
frequentist.py            Welch's t-test (for rates: the unpooled two-proportion test)
sequential.py             always-valid intervals and p-values (mixture SPRT), safe to peek daily
gaussian.py               Bayesian Gaussian model on the lift (flat or Gaussian prior)
beta_binomial.py          Bayesian beta-binomial model for rates, computed exactly
srm.py                    sample-ratio-mismatch check; below p = 0.001 it blocks the verdict
corrections.py            Holm and Benjamini–Hochberg adjusted p-values
analysis.py               all of it per treatment, the adjustment, the verdict and its reason
report.py / command.py    the JSON of `affiliate ab-test`
marts.py                  ad sets' creative tests read from the dbt marts
creative_tests.py         their verdicts and table (asset ab_test_results)

GrowthBook's gbstats 0.8 is the reference (tests only): the fixed-horizon and sequential
intervals and p-values, the Gaussian Bayesian model (its EffectBayesianABTest) and the SRM
p-value agree with it to ~1e-14 (largest difference measured: 3e-14 over 1 178 generated
comparisons; the tests demand 1e-6). Where we chose differently:
* p-values come from the t distribution's survival function, not 1 − cdf, so tiny p-values
  keep their digits (on the generated inputs this changes nothing visible);
* a control mean of zero or an arm without variation yields no numbers and "No verdict", where
  gbstats returns placeholder zeros; inputs gbstats would take silently (conversions > n,
  n < 2, negative variance, a non-positive split weight) are refused with a message;
* the decision uses the sequential p-value by default (`decision: "fixed"` for the classical
  one), since daily reports are read daily;
* the beta-binomial test and the multiple-comparison adjustments are not in gbstats 0.8; they
  are checked against numerical integration, simulation, and the procedures' definitions.
Not implemented: CUPED (regression adjustment), ratio and quantile metrics, one-sided tests,
gbstats' "scaled" lift, and a non-zero null hypothesis.
"""
