## Escalera de recompensas: controles del dueño en /programs, elección del personal, respuestas al cliente.

ladder_rung = { $reward }: { $cost } { $kind ->
        [stamps] { $cost ->
            [one] sello
           *[other] sellos
        }
       *[points] { $cost ->
            [one] punto
           *[other] puntos
        }
    }
ladder_line = {"   "}🎁 { $rewards }
ladder_none = aún sin recompensa
ladder_title = 🎁 Recompensas de #{ $id } { $program }:
ladder_row = { $n }. { $rung }
ladder_keeps = Al canjear se conservan los sellos: cada recompensa se da una vez por tarjeta.
ladder_consumes = Al canjear se gastan los { $kind ->
        [stamps] sellos
       *[points] puntos
    } de la recompensa.
ladder_help = ➕ añade una recompensa, ✏️ cambia su nombre o su coste, ❌ la quita. Los costes suben a lo largo de la escalera.
ladder_button = 🎁 Recompensas de #{ $id }
ladder_add_button = ➕ Añadir recompensa
ladder_edit_button = ✏️ { $reward }
ladder_remove_button = ❌ { $reward }
ladder_keep_on = Sellos conservados al canjear ✅ (toca para gastarlos)
ladder_keep_off = Sellos gastados al canjear (toca para conservarlos)
ladder_ask_add = Envía la nueva recompensa en una línea, primero el coste y luego el nombre, por ejemplo: 10 Café
ladder_ask_edit = { $reward } cuesta ahora { $cost }. Envía un coste nuevo (un número), un nombre nuevo o ambos (por ejemplo: 12 Café grande).
ladder_confirm_remove = ¿Quitar { $rung }? Ya no se ofrecerá, y las solicitudes pendientes para ella se rechazarán.
ladder_remove_yes = ❌ Sí, quitar { $reward }
ladder_added = ✅ { $reward } añadida por { $cost }.
ladder_renamed = ✅ { $before } ahora se llama { $reward } (coste { $cost }).
ladder_recosted = ✅ { $reward } ahora cuesta { $cost } (antes { $before_cost }).
ladder_removed = ✅ { $reward } quitada.
ladder_kept = ✅ Ahora al canjear se conservan los sellos; cada recompensa se da una vez por tarjeta.
ladder_consumed = ✅ Ahora al canjear se gastan los sellos.
ladder_empty = Un programa necesita al menos una recompensa: añade otra antes de quitar esta. No se ha cambiado nada.
ladder_too_long = Un programa tiene como máximo { $maximum } recompensas. No se ha cambiado nada.
ladder_costs_not_increasing = Los costes deben subir a lo largo de la escalera: { $reward } por { $cost } no supera { $previous }. No se ha cambiado nada.
reward_line_usage = Envía un coste y un nombre, por ejemplo: 10 Café
reward_not_found = Esa recompensa ya no se ofrece.
reward_already_given = { $reward } ya se dio en esta tarjeta: este programa conserva los sellos y da cada recompensa una sola vez.
keep_stamps_only = Solo un programa de sellos puede conservar los sellos al canjear.
redeem_choose = 🎁 ¿Qué recompensa? Saldo: { $balance } { $kind ->
        [stamps] { $balance ->
            [one] sello
           *[other] sellos
        }
       *[points] { $balance ->
            [one] punto
           *[other] puntos
        }
    }.
redeem_reward_button = 🎁 { $reward } ({ $cost })
redeem_none = Todavía no alcanza: el saldo es { $balance } { $kind ->
        [stamps] { $balance ->
            [one] sello
           *[other] sellos
        }
       *[points] { $balance ->
            [one] punto
           *[other] puntos
        }
    }; la primera recompensa es { $rung }.
redeem_none_left = Todas las recompensas ya se dieron en esta tarjeta.
request_sent_reward = 📨 Enviado al cliente para su aprobación: { $reward }.
reward_request =
    🎁 { $business } pide canjear { $reward } por { $amount } { $kind ->
        [stamps] { $amount ->
            [one] sello
           *[other] sellos
        }
       *[points] { $amount ->
            [one] punto
           *[other] puntos
        }
    } de { $program }.
    Tu saldo: { $balance }. ¿Lo apruebas?
reward_request_kept =
    🎁 { $business } te pide confirmar que recibes { $reward } de { $program }.
    Tus { $balance } { $kind ->
        [stamps] { $balance ->
            [one] sello
           *[other] sellos
        }
       *[points] { $balance ->
            [one] punto
           *[other] puntos
        }
    } se quedan en la tarjeta. ¿Lo apruebas?
answer_reward_redeemed = 🎁 ¡Disfruta de { $reward } en { $business }! Saldo: { $balance }.
answer_reward_removed = { $business } ya no ofrece { $reward }; no se ha descontado nada.
progress_all_given = 🏁 ¡Todas las recompensas conseguidas!
reward_redeemed = 🎁 { $customer } canjeó { $reward }. Saldo: { $balance }.
redemption_reward_removed = ⚠️ { $customer } aprobó { $reward }, pero se quitó mientras tanto: no se ha descontado nada.
