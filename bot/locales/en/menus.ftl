## Command menus: the description of each command, as Telegram's menu shows it

cmd_start = Start and show the menu
cmd_qr = My QR code
cmd_cards = My loyalty cards
cmd_history = My latest points
cmd_requests = Requests waiting for my answer
cmd_settings = Which messages I get
cmd_newqr = Replace my QR code
cmd_help = How it works
cmd_code = Scan by the customer's manual code
cmd_customers = Our customers
cmd_programs = Loyalty programs
cmd_newprogram = Create a program
cmd_staff = Staff and invitation link
cmd_stats = Statistics
cmd_export = Export customers and ledger as CSV
cmd_poster = A printable join poster
cmd_broadcast = Message all customers
cmd_business = Choose the business to act for
cmd_bhelp = Staff help
cmd_timezone = Time zone of the business
