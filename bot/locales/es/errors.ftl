## Textos para las claves de DomainError y otras negativas.

error = Algo salió mal. Inténtalo de nuevo.
not_found = No encontrado.
not_allowed = No puedes hacer eso.
invalid_input = Eso no parece correcto.
not_staff = Solo el personal de este negocio puede hacer eso.
not_owner = Solo el propietario del negocio puede hacer eso.
business_not_found = Ese negocio no existe.
business_suspended = Este negocio está suspendido.
program_not_found = Ese programa no existe (o es de otro negocio).
program_inactive = Ese programa ya no está activo.
no_default_program = No hay ningún programa activo para dar puntos. Crea uno con /newprogram.
card_not_found = Esa tarjeta no existe (o es de otro negocio).
customer_not_found = Aún no conozco a este cliente. Pídele que abra el bot y pulse Iniciar.
entry_not_found = Ahí no hay nada que deshacer.
invite_not_found = Este enlace de invitación no es válido (puede que lo hayan cambiado).
staff_not_found = Esa persona no forma parte del personal aquí.
cannot_remove_owner = No se puede quitar al propietario.
already_enrolled = Este cliente ya tiene una tarjeta en ese programa.
amount_not_integer = La cantidad debe ser un número entero, como 5.
amount_not_positive = La cantidad debe ser mayor que cero.
amount_too_large = Esa cantidad es demasiado grande (máximo { $maximum }).
insufficient_balance = No hay saldo suficiente en la tarjeta: tiene { $balance } y { $needed ->
        [one] se necesita { $needed }
       *[other] se necesitan { $needed }
    }.
daily_cap_reached = Esta tarjeta alcanzó el límite diario ({ $room ->
        [one] queda { $room } para hoy
       *[other] quedan { $room } para hoy
    }).
request_not_found = Esa solicitud no existe.
not_your_request = Esta solicitud no va dirigida a ti.
request_approved = Esta solicitud ya fue aprobada.
request_rejected = Esta solicitud ya fue rechazada.
request_expired = Esta solicitud ha caducado.
request_cancelled = Esta solicitud fue cancelada.
request_already_pending = El cliente aún no ha respondido a la solicitud anterior; espera su respuesta o a que caduque.
name_empty = El nombre { $what } no puede estar vacío.
name_too_long = El nombre { $what } es demasiado largo (máximo { $maximum ->
        [one] { $maximum } carácter
       *[other] { $maximum } caracteres
    }).
reason_too_long = El motivo es demasiado largo (máximo { $maximum ->
        [one] { $maximum } carácter
       *[other] { $maximum } caracteres
    }).
daily_cap_below_scan = El límite diario no puede ser menor que la cantidad por escaneo.
unknown_category = Categoría de aviso desconocida.
category_always_on = Las solicitudes que necesitan tu respuesta siempre se envían.
stale_button = Este botón ya no es válido.
already_done = Ya está hecho.
unknown_command = No conozco ese comando. Envía /help para ver lo que puedo hacer.
text_too_long = Ese mensaje es demasiado largo para mí; escríbelo más corto, por favor.
photo_not_staff = Solo el personal de un negocio puede escanear códigos. Para mostrar tu propio código, pulsa «Mi QR».
qr_none = No encontré ningún código QR en esa foto. Inténtalo de nuevo más cerca y con menos reflejos.
qr_not_ours = Ese código QR no es un código de fidelidad de este bot.
not_an_image = Ese archivo no es una imagen que pueda leer.
truncated_image = Esa imagen está incompleta o dañada; envíala de nuevo, por favor.
image_too_large = Esa imagen es demasiado grande (máximo 20 MB).
timeout = Leer esa imagen tardó demasiado; envía una foto más nítida, por favor.
document_not_image = Envía el código QR como foto, no como archivo, por favor.
unknown_language = Todavía no hablo ese idioma.
bad_time_zone = No conozco la zona horaria «{ $zone }». Usa un nombre como Europe/Madrid o America/Mexico_City.
