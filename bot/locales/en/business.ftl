## Texts of the business side: staff commands, programs, scans, customers.

biz_ask_name = What is your business called? Send the name (or /cancel).
biz_created =
    🏪 { $business } is registered and you are its owner.
    Next, create a loyalty program: /newprogram (or /bhelp for every staff command).
cancelled = Cancelled.
biz_list_header = You work for these businesses. Choose the one you act for:
biz_list_line = { $marker } { $business } ({ $role })
biz_chosen = You now act for { $business }.
staff_header =
    👥 Staff of { $business }
    Invite staff with this link (anyone who opens it joins as staff):
    { $link }
staff_line = • { $name } ({ $role })
staff_removed = ✅ Removed from staff.
staff_remove_button = Remove { $name }
bhelp =
    Staff commands
    📷 Send a photo of a customer's QR code to add points, or /code K7QX-4M2P.
    /customers: our customers, with their history
    /invite K7QX-4M2P: invite a customer to the default program
    /stats: scans, points and customers today, in 7 and 30 days
    /poster: a printable poster with the join QR code
    /business: choose the business you act for
    /timezone: the time zone dates are shown in
    Owner only
    /newprogram: create a program (or /newprogram Coffee club | points | 10 | 100 | Free coffee)
    /programs: programs, join links, default and deactivate
    /editprogram <id> <field> <value>: change a program
    /staff: the staff invitation link and the staff list
    /export: customers and ledger as CSV
    /newbusiness: register another business
invite_usage = Send the customer's code like this: /invite K7QX-4M2P
invite_sent = 📨 Invitation to { $program } sent to { $customer }.
prog_ask_name = Let's create a program. What is it called? (/cancel to stop)
prog_ask_kind = Points or stamps?
prog_kind_points = Points
prog_kind_stamps = Stamps
prog_ask_points = How many { $kind ->
        [stamps] stamps
       *[points] points
    } per scan? Send a number.
prog_ask_threshold = How many { $kind ->
        [stamps] stamps
       *[points] points
    } for the reward? Send a number.
prog_ask_reward = What is the reward called? (e.g. Free coffee)
prog_kind_chosen = Kind: { $kind ->
        [stamps] stamps
       *[points] points
    }.
prog_created =
    ✅ Program #{ $id } { $program } created: { $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } per scan, { $reward } at { $threshold }.
    Customers join with this link:
    { $link }
prog_usage =
    One line: /newprogram name | points or stamps | per scan | reward at | reward name [| daily cap]
    for example /newprogram Coffee club | points | 10 | 100 | Free coffee
prog_bad_kind = The kind must be “points” or “stamps”.
prog_list_empty = No programs yet. Create one with /newprogram.
prog_line =
    { $marker } #{ $id } { $program } ({ $kind ->
        [stamps] stamps
       *[points] points
    }){ $state }
       { $points } per scan, at most { $max } per scan, daily cap { $cap }
       Join link: { $link }
prog_default_marker = ⭐
prog_inactive_state = {" "}(inactive)
prog_no_cap = none
prog_make_default_button = ⭐ Default #{ $id }
prog_deactivate_button = ⏸ Deactivate #{ $id }
prog_made_default = #{ $id } { $program } is now the default program.
prog_deactivated = #{ $id } { $program } is deactivated.
prog_edit_usage = Send /editprogram <id> <field> <value>; fields: name, points_per_scan, max_per_scan, daily_cap (0 or none clears it).
prog_edited = ✅ #{ $id } { $program } updated: { $field } = { $value }.
customers_empty = No customers yet.
customers_header = 👥 Customers ({ $total }), page { $page } of { $pages }:
customers_line = { $n }. { $name }: balance { $balance }, visits { $visits }, last visit { $last }
customers_prev = ⬅️ Prev
customers_next = Next ➡️
customer_history_button = 📜 { $name }
customer_history_header = 📜 { $customer } here:
customer_history_line = { $when }  { $delta }  { $program }  { $reason }
customer_history_empty = 📜 { $customer } has no points history here yet.
stats_header = 📊 Statistics
stats_period = { $period }: { $scans } scans, { $issued } points issued, { $redeemed } redeemed, { $new } new and { $active } active customers
stats_today = Today
stats_7d = Last 7 days
stats_30d = Last 30 days
export_caption = { $what } of { $business } ({ $rows } rows)
export_customers = Customers
export_ledger = Ledger
poster_caption = 🖨 Poster for { $program }: print it and put it by the till.
tz_usage =
    🕐 Dates for { $business } are shown in { $zone } time.
    To change it, send the zone's name, for example: /timezone Europe/Madrid
tz_set = 🕐 Done: dates for { $business } are now shown in { $zone } time.
role_owner = owner
role_staff = staff
thing_program = program
thing_reward = reward
thing_business = business
cancel_word = cancel
