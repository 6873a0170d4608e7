## Points expiry: the warning, the expiry, My cards, and the owner's settings in /programs.

expiry_warning = ⏳ { $business } · { $program }: { $points } { $kind ->
        [stamps] { $points ->
            [one] stamp expires
           *[other] stamps expire
        }
       *[points] { $points ->
            [one] point expires
           *[other] points expire
        }
    } on { $on }. Use { $points ->
        [one] it
       *[other] them
    } before then!
points_expired = ⌛ { $business } · { $program }: { $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } expired. Balance: { $balance }.
card_expiry_line = ⏳ { $points } { $kind ->
        [stamps] { $points ->
            [one] stamp expires
           *[other] stamps expire
        }
       *[points] { $points ->
            [one] point expires
           *[other] points expire
        }
    } on { $on }
reason_expiry = expired

prog_expiry_line = {"   "}⏳ Expiry: { $state }
expiry_state_off = off (points never expire)
expiry_state_on = after { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, warning { $warning ->
        [one] { $warning } day
       *[other] { $warning } days
    } ahead
expiry_button = ⏳ Expiry #{ $id }
expiry_settings =
    ⏳ Points expiry of { $program } (#{ $id }): { $state }.

    Choose with the buttons, or send one line: /expiry { $id } <days> [<warning days>], e.g. /expiry { $id } 90 7. Days from 1 to 3650; /expiry { $id } off turns expiry off.
expiry_days_button = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
expiry_warning_button = ⚠️ warn { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ahead
expiry_off_button = 🚫 Off
expiry_usage = Send /expiry <program id> <days> [<warning days>], e.g. /expiry 3 90 7; or /expiry 3 off to turn expiry off. Days from 1 to 3650.
expiry_set = ✅ { $program } (#{ $id }): points now expire { $state }.
expiry_turned_off = ✅ { $program } (#{ $id }): points no longer expire.
expiry_days_range = Expiry must be from { $min } to { $max } days. Nothing was changed.
expiry_warning_range = The warning must be from 0 to { $max } days ahead. Nothing was changed.
expiry_warning_too_long = The warning must come fewer than { $days } days ahead (before the points expire). Nothing was changed.
