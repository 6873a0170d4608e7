## Textos del lado del cliente: inicio, QR, tarjetas, historial, solicitudes, ajustes, ayuda.

btn_qr = 📱 Mi QR
btn_cards = 💳 Mis tarjetas
btn_history = 📜 Historial
btn_requests = 📨 Solicitudes
btn_settings = ⚙️ Ajustes
btn_help = ❓ Ayuda

welcome =
    ¡Te damos la bienvenida, { $name }! 👋

    Muestra tu código QR en el mostrador para sumar puntos. Usa los botones de abajo para ver tu código, tus tarjetas y tu historial.
help =
    Cómo funciona:
    • { $qr }: muestra este código al personal; lo escanean y recibes puntos.
    • { $cards }: tus tarjetas de fidelidad y tus saldos.
    • { $history }: tus últimos puntos.
    • { $requests }: invitaciones y descuentos de puntos que esperan tu respuesta.
    • { $settings }: elige qué mensajes recibes.
    • /newqr: cambia tu código si otra persona tiene una foto de él.

    Para negocios: /newbusiness registra tu negocio; /bhelp muestra los comandos del personal.
qr_caption =
    { $name }, muestra este código en el mostrador.
    Si la cámara falla, el personal puede escribir el código: { $code }
qr_renewed = Tu código anterior ya no funciona. Aquí tienes el nuevo:
cards_empty =
    Aún no tienes tarjetas de fidelidad.
    Muestra tu código QR en un negocio participante o abre el enlace para unirte a un programa.
cards_header = Tus tarjetas:
card_line_points =
    🏪 { $business } · { $program }
       { $balance } { $kind ->
        [stamps] { $balance ->
            [one] sello
           *[other] sellos
        }
       *[points] { $balance ->
            [one] punto
           *[other] puntos
        }
    } · { $progress }
card_line_stamps =
    🏪 { $business } · { $program }
       { $stamps } { $balance }/{ $threshold } · { $progress }
progress_left = { $kind ->
        [stamps] { $left ->
            [one] Te falta { $left } sello para { $reward }
           *[other] Te faltan { $left } sellos para { $reward }
        }
       *[points] { $left ->
            [one] Te falta { $left } punto para { $reward }
           *[other] Te faltan { $left } puntos para { $reward }
        }
    }
progress_ready = 🎁 ¡Ya puedes canjear { $reward }! Pídeselo al personal.
history_empty = Aún no tienes puntos.
history_header = Tus últimos puntos:
history_card = 🏪 { $business } · { $program } (saldo { $balance })
history_line = { $when } { $delta } { $reason }
history_none = nada todavía
requests_empty = No tienes solicitudes pendientes de respuesta.
settings_header = Mensajes que recibes (toca para activar o desactivar):
settings_saved = Guardado.
joined_program = Te uniste a { $program } en { $business }. Tu tarjeta: { $number }.
already_in_program = Ya tienes una tarjeta de { $program } en { $business }.
staff_joined_you = Ahora formas parte del personal de { $business }. Envía /bhelp para ver tus comandos.
staff_already = Ya formas parte del personal de { $business }.
own_qr_opened = Este es un código de fidelidad de cliente. Muéstralo al personal para sumar puntos.
answer_accepted = ✅ Te uniste a { $program } en { $business }.
answer_rejected = Rechazaste la invitación a { $program } de { $business }.
answer_approved = ✅ Aprobado: −{ $amount } en { $business }. Nuevo saldo: { $balance }.
answer_refused = Rechazaste la solicitud de { $business }. No se descontó nada.
answer_insufficient = Ahora no tienes saldo suficiente en tu tarjeta; no se descontó nada en { $business }.
cat_points_added = Puntos sumados
cat_points_deducted = Puntos descontados
cat_qr_scanned = QR escaneado
cat_enrollment_result = Respuestas a invitaciones
cat_deduction_result = Respuestas a descuentos
cat_reward_reached = Recompensas conseguidas
cat_reminder = Recordatorios
cat_business_news = Novedades de los negocios
btn_accept = ✅ Aceptar
btn_approve = ✅ Aprobar
btn_reject = ❌ Rechazar
btn_language = 🌐 Idioma: { $language }
language_header = Elige el idioma en el que te hablo:
language_chosen = A partir de ahora hablo español.
