## Staff safety: the business a reply is for, Undo's limits, staff invitation links, limits.

for_business = 🏪 { $business }
too_many_lookups = ⏳ Too many codes in a minute (at most { $limit }). Wait a moment and try again.
undo_not_here = ↩️ Undo works only under the scan reply that made the award.
undo_too_late = ⌛ Too late to undo: Undo works for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } after the scan.
undo_ask_instead = The points stay. To take back { $points }, ask the customer to approve a deduction.
undo_request_button = ➖ Ask to deduct { $points }
staff_limit_reached = ⛔ Your daily limit for awards by hand is { $limit }; { $room } left today.
limit_not_for_owner = The owner has no limit on awards by hand.
invite_closed = This invitation link was already used, revoked, or has expired. Ask the owner for a new one.
staff_page_header = 👥 Staff of { $business } (page { $page }/{ $pages }):
staff_link_line = 🔗 Invitation #{ $id } for one person, until { $expires }: { $link }
staff_line_limited = • { $name } ({ $role }), up to { $limit } by hand a day
staff_revoke_button = ✖ Revoke link #{ $id }
staff_limit_button = 🔢 Limit: { $name }
staff_new_link_button = ➕ New invitation link
staff_link_made =
    🔗 A new staff invitation link for one person, valid for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }:
    { $link }
    Whoever opens it is asked to confirm. You can revoke it in /staff.
staff_link_revoked = Link revoked.
staff_ask_limit = How many points may this person award by hand each day? Send a number, or 0 for no limit (or “cancel”).
staff_limit_set = ✅ Daily limit for awards by hand: { $limit }.
staff_limit_off = ✅ No daily limit for awards by hand.
staff_join_question = 👥 Join the staff of { $business }? You will then act for { $business }; /business switches between your businesses.
staff_join_yes = ✅ Join
staff_join_no = ✖ Don't join
staff_join_declined = You did not join.
staff_joined_acting = ✅ You joined { $business } as staff and now act for { $business }. /business switches, /bhelp lists the staff commands.
page_prev = ◀ Back
page_next = Next ▶
page_of = Page { $page }/{ $pages }
