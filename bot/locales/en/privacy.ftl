# Consent and privacy: "don't invite me again", /leave, /forgetme.
cmd_leave = Leave a program
cmd_forgetme = Erase my personal data
btn_never_invite = 🚫 Don't invite me again
never_invite_done = { $business } will not invite you again.
invitation_declined = This customer can't be invited by this business right now.
card_left = The customer left this program.
leave_nothing = You have no cards to leave.
leave_pick = Which program do you want to leave? The card and its balance are kept as history but stop working; joining again brings them back.
btn_leave_card = { $business } · { $program }
leave_done = You left the program. Your card and its balance are kept as history; no more points, invitations or news from it.
forget_ask = This erases your name and username here and replaces your QR code. Your cards and their history stay, under a number instead of your name, so the shops' books still add up. Your language setting stays.
btn_forget_confirm = 🗑 Yes, erase my data
forget_done = Done: your name and username are erased, and your QR code is new.
