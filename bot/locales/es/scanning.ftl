## Textos que ve el personal al escanear y al actuar sobre una tarjeta escaneada.

scan_awarded =
    ✅ { $customer }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    } en { $program }.
    Saldo: { $balance } (recompensa al llegar a { $threshold }).
scan_reward_ready = 🎁 { $customer } ya puede canjear { $reward }.
scan_not_enrolled = 👤 { $customer } aún no está en { $program }: le envié una invitación.
scan_not_enrolled_pending = 👤 { $customer } aún no está en { $program } y tiene una invitación pendiente.
scan_not_enrolled_declined = 👤 { $customer } no está en { $program } y pidió que no le invites por ahora. Puede unirse cuando quiera con el enlace del programa.
scan_duplicate = ↪️ Ya contado: acabas de escanear a { $customer }. Saldo: { $balance }.
scan_capped = ⛔ { $customer } alcanzó el límite de hoy en { $program }. Saldo: { $balance }.
scan_invalid = ❌ Este código no es válido.
scan_forged = ❌ Este código es falso o está alterado. No se sumaron puntos.
scan_expired = ⌛ Este código ha caducado. Pide al cliente que vuelva a abrir «Mi QR».
scan_revoked = ❌ Este código se cambió por uno más nuevo. Pide al cliente que abra «Mi QR».
qr_which = Veo { $count ->
        [one] { $count } código de cliente
       *[other] { $count } códigos de clientes
    } en esta foto. ¿Cuál quieres escanear?
qr_pick = Código { $n } (contando desde arriba)
code_usage = Envía el código del cliente así: /code K7QX-4M2P
undone = ↩️ Deshecho: −{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    }. Saldo: { $balance }.
undo_already = Esta suma ya se deshizo.
added = ✅ +{ $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    }. Saldo: { $balance }.
ask_amount_add = ¿Cuántos quieres sumar? Envía un número (o /cancel).
ask_amount_deduct = ¿Cuántos quieres descontar? Envía un número (o /cancel).
request_sent_deduction = 📨 Enviado al cliente para que lo apruebe: −{ $amount }.
btn_undo = ↩️ Deshacer
btn_other_amount = Otra cantidad
btn_redeem = 🎁 Canjear recompensa
btn_deduct = ➖ Descontar
