"""Reading the marts from notebooks and scripts."""
