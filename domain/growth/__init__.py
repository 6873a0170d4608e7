"""Growth tools for owners: referral links and promo codes (rules, use cases, their ports)."""
