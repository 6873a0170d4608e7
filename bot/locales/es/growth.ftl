## Herramientas de crecimiento: enlaces de invitación y códigos promocionales (domain.growth).

cmd_refer = Invitar a un amigo
cmd_promo = Introducir un código promocional
cmd_newpromo = Códigos promocionales para clientes

reason_referral = bonificación por invitar
reason_promo = código promocional

# /refer: los enlaces "invita a un amigo" del cliente
referral_links_title = 👋 Invita a un amigo. Cuando se una con tu enlace y haga su primera visita, los dos recibiréis una bonificación:
referral_link_line =
    🏪 { $business }: +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] sello
           *[other] sellos
        }
       *[points] { $bonus ->
            [one] punto
           *[other] puntos
        }
    } cada uno
    { $link }
referral_links_none = Ninguno de los sitios donde tienes tarjeta da todavía una bonificación por invitar a amigos.

# Un amigo abrió un enlace de invitación
referral_joined =
    ✅ Te uniste a { $program } en { $business } por invitación de un amigo. Número de tarjeta: { $number }.
    En tu primera visita los dos recibiréis +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] sello
           *[other] sellos
        }
       *[points] { $bonus ->
            [one] punto
           *[other] puntos
        }
    }.
referral_joined_no_bonus = ✅ Te uniste a { $program } en { $business } por invitación de un amigo. Número de tarjeta: { $number }.
referral_link_unknown = Este enlace de invitación no funciona: puede que el sitio ya no exista o que el enlace esté mal copiado.
referral_own_link = Este es tu propio enlace de invitación: envíaselo a un amigo.
referral_already_referred = Un amigo ya te invitó a este sitio; una invitación cuenta una sola vez.
referral_not_new = Ya eres cliente de este sitio: las invitaciones son para clientes nuevos.

# Mensajes cuando la primera visita del amigo cierra la invitación
referral_rewarded_friend =
    🎁 { $business }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    } de bienvenida en { $program } por unirte con la invitación de un amigo.
    Saldo: { $balance }.
referral_rewarded_referrer =
    🎁 { $business }: tu amigo { $friend } hizo su primera visita. +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    } en { $program }.
    Saldo: { $balance }.

# /editprogram ID referral_bonus N | referral_cap N
referral_terms_set =
    { $program }: el cliente que invita y el amigo invitado reciben +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] sello
           *[other] sellos
        }
       *[points] { $bonus ->
            [one] punto
           *[other] puntos
        }
    } cada uno en la primera visita del amigo.
    Límite de invitaciones premiadas al mes por cliente: { $cap }.
referral_terms_no_cap =
    { $program }: el cliente que invita y el amigo invitado reciben +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] sello
           *[other] sellos
        }
       *[points] { $bonus ->
            [one] punto
           *[other] puntos
        }
    } cada uno en la primera visita del amigo.
    Sin límite mensual por cliente.
referral_terms_off = { $program }: sin bonificación por invitar (los enlaces de invitación no dan nada).

# /promo CÓDIGO
promo_usage = Envía el código después del comando, por ejemplo: /promo K7QXM-4M2PZ
promo_redeemed =
    🎟 { $business }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    } en { $program } con un código promocional.
    Saldo: { $balance }.
promo_enrolled = Ahora tienes una tarjeta de { $program }.
promo_unknown = Ese código promocional no existe. Revísalo y vuelve a intentarlo.
promo_expired = Este código promocional ha caducado.
promo_used_up = Este código promocional ya se ha agotado.
promo_already_used = Ya has usado este código promocional.
promo_too_many_tries = Demasiados códigos incorrectos. Vuelve a intentarlo dentro de { $minutes } min.
promo_per_customer_over_total = Los usos por cliente no pueden superar los usos totales.

# /newpromo (propietario)
newpromo_usage =
    Códigos promocionales para tu programa predeterminado:
    /newpromo batch CANTIDAD PUNTOS DÍAS: códigos de un solo uso (un archivo CSV y una hoja para imprimir)
    /newpromo shared PUNTOS DÍAS TOTAL [POR_CLIENTE]: un código que pueden usar muchos
    Ejemplo: /newpromo batch 50 20 30
promo_batch_made = Códigos promocionales de un solo uso creados: { $count }, +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    } cada uno, válidos hasta el { $until }.
promo_csv_caption = Códigos promocionales (CSV)
promo_sheet_caption = Códigos promocionales para imprimir y recortar
promo_shared_made =
    Código promocional compartido { $code }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    }; usos en total: { $total }, por cliente: { $per }; válido hasta el { $until }.
    { $link }
promo_sheet_points = +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    }
promo_sheet_until = Válido hasta el { $until }
promo_sheet_hint = Escanéalo o envía /promo y el código al bot
