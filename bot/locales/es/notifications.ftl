## Textos de los mensajes del outbox, según el nombre de plantilla que escribe el dominio.

points_added =
    ☕ { $business }: +{ $points } { $kind ->
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
points_undone = ↩️ { $business }: { $points } { $kind ->
        [stamps] { $points ->
            [one] sello retirado
           *[other] sellos retirados
        }
       *[points] { $points ->
            [one] punto retirado
           *[other] puntos retirados
        }
    }. Saldo: { $balance }.
reward_reached = 🎁 ¡Conseguiste { $reward } en { $business }! Pide al personal que te haga el canje.
qr_scanned_again = { $business } volvió a escanear tu QR; esta visita ya estaba contada.
qr_scanned_capped = { $business } escaneó tu QR; ya se alcanzó el límite de hoy.
enrollment_request =
    🏪 { $business } te invita a { $program }.
    Acumula { $kind ->
        [stamps] sellos
       *[points] puntos
    } en cada visita; al llegar a { $threshold } recibes { $reward }.
    ¿Te unes?
enrollment_request_short = 🏪 { $business } te invita a { $program }. ¿Te unes?
deduction_request =
    🏪 { $business } pide descontar { $amount } { $kind ->
        [stamps] { $amount ->
            [one] sello
           *[other] sellos
        }
       *[points] { $amount ->
            [one] punto
           *[other] puntos
        }
    } de { $program }{ $reason_suffix }.
    Tu saldo: { $balance }. ¿Lo apruebas?
enrollment_expired = La invitación a { $program } de { $business } ha caducado.
deduction_expired = La solicitud de { $business } para descontar { $amount } { $kind ->
        [stamps] { $amount ->
            [one] sello
           *[other] sellos
        }
       *[points] { $amount ->
            [one] punto
           *[other] puntos
        }
    } ha caducado.
redemption_expired = La solicitud de { $business } para canjear una recompensa ha caducado.
enrollment_reminder = Recordatorio: { $business } te invitó a { $program }. ¿Te unes?
reward_near = ¡Solo una visita más a { $business } para { $reward }!
we_miss_you = ¡Te echamos de menos en { $business }! Tu saldo en { $program } es { $balance }.
business_news = 📣 { $business }: { $text }
staff_joined = 👤 { $name } se unió al personal de { $business }.
enrollment_approved = ✅ { $customer } se unió a { $program }.
enrollment_rejected = ❌ { $customer } rechazó la invitación a { $program }.
deduction_approved = ✅ { $customer } aprobó −{ $amount } { $kind ->
        [stamps] { $amount ->
            [one] sello
           *[other] sellos
        }
       *[points] { $amount ->
            [one] punto
           *[other] puntos
        }
    }. Nuevo saldo: { $balance }.
deduction_rejected = ❌ { $customer } rechazó el descuento de { $amount } { $kind ->
        [stamps] { $amount ->
            [one] sello
           *[other] sellos
        }
       *[points] { $amount ->
            [one] punto
           *[other] puntos
        }
    }.
deduction_cancelled = ⚠️ { $customer } lo aprobó, pero el saldo ya no alcanza.
redemption_rejected = ❌ { $customer } rechazó el canje.
redemption_cancelled = ⚠️ { $customer } lo aprobó, pero el saldo ya no alcanza.
owner_digest = 📊 { $business } ayer: { $scans ->
        [one] { $scans } escaneo
       *[other] { $scans } escaneos
    }, { $issued ->
        [one] { $issued } punto otorgado
       *[other] { $issued } puntos otorgados
    }, { $redeemed ->
        [one] { $redeemed } recompensa canjeada
       *[other] { $redeemed } recompensas canjeadas
    }, { $new ->
        [one] { $new } cliente nuevo
       *[other] { $new } clientes nuevos
    }.
broadcast_usage = Escribe la noticia después del comando: /broadcast ¡Hoy tenemos cruasanes recién hechos!
broadcast_text = La noticia debe tener entre 1 y { $limit ->
        [one] { $limit } carácter
       *[other] { $limit } caracteres
    }.
broadcast_progress = 📣 Enviando… { $sent } / { $total } enviados
broadcast_done = 📣 Difusión terminada: { $sent ->
        [one] { $sent } enviado
       *[other] { $sent } enviados
    }, { $blocked ->
        [one] { $blocked } bloqueó el bot
       *[other] { $blocked } bloquearon el bot
    }, { $failed ->
        [one] { $failed } fallido
       *[other] { $failed } fallidos
    }, { $suppressed ->
        [one] { $suppressed } desactivó las novedades
       *[other] { $suppressed } desactivaron las novedades
    }.
broadcast_stopped = 📣 La difusión sigue en curso: { $sent ->
        [one] { $sent } enviado
       *[other] { $sent } enviados
    }, { $blocked ->
        [one] { $blocked } bloqueó el bot
       *[other] { $blocked } bloquearon el bot
    }, { $failed ->
        [one] { $failed } fallido
       *[other] { $failed } fallidos
    } hasta ahora.
reason_suffix = {" "}({ $reason })
