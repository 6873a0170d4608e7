## Growth tools: referral links and promo codes (domain.growth).

cmd_refer = Invite a friend
cmd_promo = Enter a promo code
cmd_newpromo = Promo codes for customers

reason_referral = referral bonus
reason_promo = promo code

# /refer: the customer's "invite a friend" links
referral_links_title = 👋 Invite a friend. When they join through your link and make their first visit, you both get a bonus:
referral_link_line =
    🏪 { $business }: +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    } each
    { $link }
referral_links_none = None of the places where you have a card gives a bonus for inviting friends yet.

# A friend opened a referral link
referral_joined =
    ✅ You joined { $program } at { $business } through a friend's invitation. Card number: { $number }.
    On your first visit you both get +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    }.
referral_joined_no_bonus = ✅ You joined { $program } at { $business } through a friend's invitation. Card number: { $number }.
referral_link_unknown = This invitation link does not work: the place may be gone, or the link was mistyped.
referral_own_link = This is your own invitation link: send it to a friend instead.
referral_already_referred = You were already invited to this place by a friend; an invitation counts once.
referral_not_new = You are already a customer of this place: invitations are for new customers.

# Outbox messages when the friend's first visit settles the referral
referral_rewarded_friend =
    🎁 { $business }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } welcome bonus in { $program } for joining through a friend.
    Balance: { $balance }.
referral_rewarded_referrer =
    🎁 { $business }: your friend { $friend } made their first visit. +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } in { $program }.
    Balance: { $balance }.

# /editprogram ID referral_bonus N | referral_cap N
referral_terms_set =
    { $program }: a friend you invite and you get +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    } each on the friend's first visit.
    Rewarded invitations a month per customer: at most { $cap }.
referral_terms_no_cap =
    { $program }: a friend you invite and you get +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    } each on the friend's first visit.
    No monthly limit per customer.
referral_terms_off = { $program }: no referral bonus (invitation links give nothing).

# /promo CODE
promo_usage = Send the code after the command, for example: /promo K7QXM-4M2PZ
promo_redeemed =
    🎟 { $business }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } in { $program } with a promo code.
    Balance: { $balance }.
promo_enrolled = You now have a card in { $program }.
promo_unknown = There is no such promo code. Check it and try again.
promo_expired = This promo code has expired.
promo_used_up = This promo code has been used up.
promo_already_used = You have already used this promo code.
promo_too_many_tries = Too many wrong codes. Try again in { $minutes } min.
promo_per_customer_over_total = Uses per customer cannot be more than uses in all.

# /newpromo (owner)
newpromo_usage =
    Promo codes for your default program:
    /newpromo batch COUNT POINTS DAYS: single-use codes (a CSV file and a printable sheet)
    /newpromo shared POINTS DAYS TOTAL [PER_CUSTOMER]: one code many may use
    Example: /newpromo batch 50 20 30
promo_batch_made = Single-use promo codes made: { $count }, +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } each, valid until { $until }.
promo_csv_caption = Promo codes (CSV)
promo_sheet_caption = Promo codes to print and cut out
promo_shared_made =
    Shared promo code { $code }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }; uses in all: { $total }, per customer: { $per }; valid until { $until }.
    { $link }
promo_sheet_points = +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }
promo_sheet_until = Valid until { $until }
promo_sheet_hint = Scan, or send /promo and the code to the bot
