## Growth tools: birthday gifts, bulk awards, win-back offers, staff activity (domain/growth).

# Customer: the birthday in Settings.
btn_birthday = 🎂 Birthday
birthday_ask = 🎂 Your birthday: { $current }. Send it as day.month, for example 14.05. Programs with a birthday gift give it to you on the day. You can change it once a year.
birthday_not_set = not set
birthday_saved = 🎂 Saved: your birthday is { $date }.
birthday_format = Please send your birthday as day.month, for example 14.05.
birthday_no_such_day = There is no { $day }.{ $month } in the calendar. Please check the day and the month.
birthday_change_later = You can change your birthday once a year: next time from { $date }.
birthday_not_customer = Press /start first, then set your birthday.

# Customer: points with words of their own.
birthday_gift = 🎂 Happy birthday from { $business }! Your gift in { $program }: +{ $points }. Balance: { $balance }.
bulk_award = 🎁 { $business } gave you +{ $points } in { $program }: { $note }. Balance: { $balance }.
winback_credited = 👋 Welcome back to { $business }! Your bonus in { $program }: +{ $points }. Balance: { $balance }.
winback_offer = We miss you at { $business }! Visit within { $days ->
        [one] { $days } day
       *[other] { $days } days
    } and get a bonus of +{ $bonus } in { $program }. Your balance is { $balance }.
reason_birthday = birthday gift
reason_bulk = gift from the owner
reason_winback = welcome-back bonus

# Owner: growth settings of a program (/programs, /editprogram).
prog_gifts = 🎂 Birthday gift: { $birthday } · 👋 Win-back bonus: { $winback } (within { $days ->
        [one] { $days } day
       *[other] { $days } days
    })
prog_gift_off = off
prog_gift_set = ✅ Program #{ $id }: { $field } is now { $value }.
gift_usage = Use: /editprogram <id> birthday_gift|winback_bonus|winback_days <number or off>

# Owner: bulk awards.
bulk_usage = Use: /bulkaward <program id> <points> <segment> <reason>. Segments: all, idle (no visit for 30 days; idle:N for N days), balance:N (a balance of at least N), tier:NAME (holding that tier, for example tier:Gold). Example: /bulkaward 1 20 idle Come back soon
bulk_bad_segment = Unknown segment. Use all, idle, idle:N, balance:N or tier:NAME.
bulk_reason_missing = Please give a reason: customers see it with the points.
bulk_empty_segment = No customer is in this segment: nothing was awarded.
bulk_not_found = This bulk award no longer exists.
bulk_progress = ⏳ Bulk award #{ $id } (+{ $points }, { $note }): { $done } of { $total } done…
bulk_done = ✅ Bulk award #{ $id } (+{ $points }, { $note }) is complete: { $done } of { $total } done.

# Owner: staff activity and the manual-award alert.
activity_header = 👥 Staff activity at { $business } (alert above { $threshold } manual points a day)
activity_alert_off = off
activity_today = Today:
activity_week = This week:
activity_nobody = — nothing yet
activity_line = • { $name }: scans { $scans }, manual awards { $manual } (+{ $points }), undos { $undos }, redemptions { $redemptions }
award_alert_usage = Use: /awardalert <points> to be alerted when one staff member awards more by hand in a day, or /awardalert off.
award_alert_set = ✅ You will be alerted when a staff member awards more than { $points } by hand in a day.
award_alert_off = ✅ Manual-award alerts are off.
manual_awards_alert = ⚠️ { $business }: { $staff } has awarded { $points } by hand today, above your alert of { $threshold }.

# Staff: the growth commands, under /bhelp.
growth_bhelp =
    Growth tools (owners)
    /bulkaward <program id> <points> <segment> <reason>: points to many customers at once
    /activity: what each staff member did today and this week
    /awardalert <points>|off: be alerted when one staff member awards more by hand in a day
    /editprogram <id> birthday_gift|winback_bonus|winback_days <number or off>
