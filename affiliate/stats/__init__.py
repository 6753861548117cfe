"""Statistics over the marts: A/B tests (frequentist, sequential, Bayesian, SRM, corrections)."""
