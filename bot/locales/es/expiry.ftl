## Caducidad de puntos: el aviso, la caducidad, Mis tarjetas y los ajustes del dueño en /programs.

expiry_warning = ⏳ { $business } · { $program }: { $points } { $kind ->
        [stamps] { $points ->
            [one] sello caduca
           *[other] sellos caducan
        }
       *[points] { $points ->
            [one] punto caduca
           *[other] puntos caducan
        }
    } el { $on }. ¡{ $points ->
        [one] Úsalo
       *[other] Úsalos
    } antes!
points_expired = ⌛ { $business } · { $program }: { $points } { $kind ->
        [stamps] { $points ->
            [one] sello ha caducado
           *[other] sellos han caducado
        }
       *[points] { $points ->
            [one] punto ha caducado
           *[other] puntos han caducado
        }
    }. Saldo: { $balance }.
card_expiry_line = ⏳ { $points } { $kind ->
        [stamps] { $points ->
            [one] sello caduca
           *[other] sellos caducan
        }
       *[points] { $points ->
            [one] punto caduca
           *[other] puntos caducan
        }
    } el { $on }
reason_expiry = caducado

prog_expiry_line = {"   "}⏳ Caducidad: { $state }
expiry_state_off = desactivada (los puntos no caducan)
expiry_state_on = a los { $days ->
        [one] { $days } día
       *[other] { $days } días
    }, aviso { $warning ->
        [one] { $warning } día
       *[other] { $warning } días
    } antes
expiry_button = ⏳ Caducidad #{ $id }
expiry_settings =
    ⏳ Caducidad de los puntos de { $program } (#{ $id }): { $state }.

    Elige con los botones o envía una línea: /expiry { $id } <días> [<días de aviso>], p. ej. /expiry { $id } 90 7. Días de 1 a 3650; /expiry { $id } off la desactiva.
expiry_days_button = { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
expiry_warning_button = ⚠️ avisar { $days ->
        [one] { $days } día
       *[other] { $days } días
    } antes
expiry_off_button = 🚫 Desactivar
expiry_usage = Envía /expiry <id del programa> <días> [<días de aviso>], p. ej. /expiry 3 90 7; o /expiry 3 off para desactivarla. Días de 1 a 3650.
expiry_set = ✅ { $program } (#{ $id }): ahora los puntos caducan { $state }.
expiry_turned_off = ✅ { $program } (#{ $id }): los puntos ya no caducan.
expiry_days_range = La caducidad debe ser de { $min } a { $max } días. No se ha cambiado nada.
expiry_warning_range = El aviso debe ser de 0 a { $max } días antes. No se ha cambiado nada.
expiry_warning_too_long = El aviso debe llegar menos de { $days } días antes (antes de que caduquen los puntos). No se ha cambiado nada.
