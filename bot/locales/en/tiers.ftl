## Tiers: levels on points earned, with a multiplier on scans (domain/tiers.py).

# Notifications to the customer.
tier_promoted = 🏅 { $business }: you are now { $tier } in { $program }! Every visit now earns { $bonus }% more.
tier_promoted_plain = 🏅 { $business }: you are now { $tier } in { $program }! Thank you for coming back.
tier_demoted = { $business }: your level in { $program } is now { $tier } (it was { $previous }). Keep collecting to move up again.
tier_lost = { $business }: your { $previous } level in { $program } has ended. Keep collecting to reach it again.
cat_tier_changed = Levels

# The tier on My cards and in the staff's scan reply; $multiplier is written like 1.25.
card_tier = 🏅 { $tier } · ×{ $multiplier }
scan_tier = 🏅 { $tier } · ×{ $multiplier }

# The owner's tier screen (/programs → 🏅 Tiers, or /tiers ID).
prog_tiers_button = 🏅 Tiers #{ $id }
tier_screen_title = 🏅 Tiers of #{ $id } { $program }
tier_screen_none = No tiers yet: every customer earns the same.
tier_screen_line = • { $tier }: from { $threshold } earned, ×{ $multiplier }
tier_window_lifetime = Levels count everything a customer has earned, ever.
tier_window_months = Levels count what a customer earned in the last { $months ->
        [one] month
       *[other] { $months } months
    }.
tier_screen_help =
    Add or change a tier: /tiers { $id } Silver 500 1.25
    Remove one: /tiers { $id } remove Silver
    Window: /tiers { $id } window 12 (or: window none)
tier_add_button = ➕ Add or change a tier
tier_remove_button = 🗑 { $tier }
tier_window_button = 🗓 Window
tier_ask_line = Send the tier in one line: its name, the points earned to reach it, and the multiplier from 1 to 5. For example: Silver 500 1.25
tier_ask_window = How many months of points earned count toward a level? Send 1 to 120, or 0 to count everything ever earned.
tier_set_done = ✅ Tier { $tier } saved.
tier_removed_done = ✅ Tier { $tier } removed.
tier_window_done = ✅ Window saved.
tier_changes_later = Customers move to their new level at their next visit or within the next sweep, and are told.

# Refusals: nothing was changed.
tier_usage =
    Use: /tiers ID, or /tiers ID NAME POINTS MULTIPLIER (e.g. /tiers 3 Silver 500 1.25),
    /tiers ID remove NAME, /tiers ID window MONTHS (or: window none).
tier_line_usage = Send a name, the points earned and the multiplier, for example: Silver 500 1.25
tier_name_empty = A tier needs a name.
tier_name_too_long = A tier's name can be at most { $maximum } characters long.
tier_bad_threshold = A tier's points must be a whole number from 1 to { $maximum }.
tier_bad_multiplier = “{ $value }” is not a multiplier: use a number from 1 to 5 with at most two decimals, like 1.25.
tier_name_twice = Two tiers can't have the same name.
tier_threshold_twice = Another tier already starts at { $threshold }: each tier needs more points than the one below it.
tier_multiplier_falls = { $upper } needs more points than { $lower }, so its multiplier can't be smaller.
tier_too_many = A program can have at most { $maximum } tiers.
tier_bad_window = The window is a number of months from { $minimum } to { $maximum }, or none.
tier_not_found = There is no tier named “{ $name }” in this program.
