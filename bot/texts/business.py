"""Texts of the business side: staff commands, programs, scans, customers."""

BUSINESS: dict[str, str] = {
    # businesses and staff
    "biz_ask_name": "What is your business called? Send the name (or /cancel).",
    "biz_created": (
        "🏪 {business} is registered and you are its owner.\n"
        "Next, create a loyalty program: /newprogram (or /bhelp for every staff command)."
    ),
    "biz_cancelled": "Cancelled.",
    "biz_list_header": "You work for these businesses. Choose the one you act for:",
    "biz_list_line": "{marker} {business} ({role})",
    "biz_chosen": "You now act for {business}.",
    "staff_header": (
        "👥 Staff of {business}\n"
        "Invite staff with this link (anyone who opens it joins as staff):\n{link}"
    ),
    "staff_line": "• {name} ({role})",
    "staff_removed": "✅ Removed from staff.",
    "staff_remove_button": "Remove {name}",
    "bhelp": (
        "Staff commands\n"
        "📷 Send a photo of a customer's QR code to add points, or /code K7QX-4M2P.\n"
        "/customers: our customers, with their history\n"
        "/invite K7QX-4M2P: invite a customer to the default program\n"
        "/stats: scans, points and customers today, in 7 and 30 days\n"
        "/poster: a printable poster with the join QR code\n"
        "/business: choose the business you act for\n"
        "Owner only\n"
        "/newprogram: create a program (or /newprogram Coffee club | points | 10 | 100 | Free coffee)\n"
        "/programs: programs, join links, default and deactivate\n"
        "/editprogram <id> <field> <value>: change a program\n"
        "/staff: the staff invitation link and the staff list\n"
        "/export: customers and ledger as CSV\n"
        "/newbusiness: register another business"
    ),
    "invite_usage": "Send the customer's code like this: /invite K7QX-4M2P",
    "invite_sent": "📨 Invitation to {program} sent to {customer}.",
    # programs
    "prog_ask_name": "Let's create a program. What is it called? (/cancel to stop)",
    "prog_ask_kind": "Points or stamps?",
    "prog_kind_points": "Points",
    "prog_kind_stamps": "Stamps",
    "prog_ask_points": "How many {unit} per scan? Send a number.",
    "prog_ask_threshold": "How many {unit} for the reward? Send a number.",
    "prog_ask_reward": "What is the reward called? (e.g. Free coffee)",
    "prog_kind_chosen": "Kind: {kind}.",
    "prog_created": (
        "✅ Program #{id} {program} created: {points} {unit} per scan, {reward} at {threshold}.\n"
        "Customers join with this link:\n{link}"
    ),
    "prog_usage": (
        "One line: /newprogram name | points or stamps | per scan | reward at | reward name"
        " [| daily cap]\nfor example /newprogram Coffee club | points | 10 | 100 | Free coffee"
    ),
    "prog_bad_kind": "The kind must be “points” or “stamps”.",
    "prog_list_empty": "No programs yet. Create one with /newprogram.",
    "prog_line": (
        "{marker} #{id} {program} ({kind}){state}\n"
        "   {points} per scan, {reward} at {threshold}, at most {max} per scan, daily cap {cap}\n"
        "   Join link: {link}"
    ),
    "prog_default_marker": "⭐",
    "prog_inactive_state": " (inactive)",
    "prog_no_cap": "none",
    "prog_make_default_button": "⭐ Default #{id}",
    "prog_deactivate_button": "⏸ Deactivate #{id}",
    "prog_made_default": "#{id} {program} is now the default program.",
    "prog_deactivated": "#{id} {program} is deactivated.",
    "prog_edit_usage": (
        "Send /editprogram <id> <field> <value>; fields: name, points_per_scan, "
        "reward_threshold, reward_name, max_per_scan, daily_cap (0 or none clears it)."
    ),
    "prog_edited": "✅ #{id} {program} updated: {field} = {value}.",
    # reports
    "customers_empty": "No customers yet.",
    "customers_header": "👥 Customers ({total}), page {page} of {pages}:",
    "customers_line": "{n}. {name}: balance {balance}, visits {visits}, last visit {last}",
    "customers_prev": "⬅️ Prev",
    "customers_next": "Next ➡️",
    "customer_history_button": "📜 {name}",
    "customer_history_header": "📜 {customer} here:",
    "customer_history_line": "{when}  {delta:+d}  {program}  {reason}",
    "customer_history_empty": "📜 {customer} has no points history here yet.",
    "stats_header": "📊 Statistics",
    "stats_period": (
        "{period}: {scans} scans, {issued} points issued, {redeemed} redeemed, "
        "{new} new and {active} active customers"
    ),
    "stats_today": "Today",
    "stats_7d": "Last 7 days",
    "stats_30d": "Last 30 days",
    "export_caption": "{what} of {business} ({rows} rows)",
    "export_customers": "Customers",
    "export_ledger": "Ledger",
    "poster_subtitle": "Scan to join {program}: {reward} at {threshold}",
    "poster_caption": "🖨 Poster for {program}: print it and put it by the till.",
}
