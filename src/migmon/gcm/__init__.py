"""Global Compact follow-up: pledges, reviews, and the GCM profile of each country and region."""
