"""Missing Migrants incident register with its editorial workflow; feeds SDG 10.7.3."""
