## Where people find the newer commands: menu descriptions and the /help and /bhelp lines.

cmd_birthday = My birthday, for birthday gifts
cmd_tiers = Tiers of a program
cmd_expiry = Points expiry of a program
cmd_bulkaward = Points to many customers at once
cmd_activity = What each staff member did
cmd_awardalert = Alert on large manual awards

help_growth =
    More:
    • /refer: your invite-a-friend link; you both get a bonus after your friend's first visit.
    • /promo CODE: enter a promo code.
    • /birthday: your birthday (day.month), for birthday gifts.

loyalty_bhelp =
    Rewards, tiers, expiry and promo codes (owners)
    /programs → 🎁 Rewards of #ID: the rewards ladder (add, rename, re-cost, remove; keep or spend stamps)
    /tiers <program id>: tiers, their multipliers and the window (or /tiers 3 Silver 500 1.25)
    /expiry <program id> <days> [<warning days>]: points expiry (or /expiry 3 off)
    /newpromo: promo codes, single-use or shared
