## Niveles: categorías según los puntos ganados, con un multiplicador en los escaneos.

# Notificaciones al cliente.
tier_promoted = 🏅 { $business }: ¡ahora eres { $tier } en { $program }! Cada visita te da un { $bonus }% más.
tier_promoted_plain = 🏅 { $business }: ¡ahora eres { $tier } en { $program }! Gracias por volver.
tier_demoted = { $business }: tu nivel en { $program } ahora es { $tier } (antes era { $previous }). Sigue sumando para volver a subir.
tier_lost = { $business }: tu nivel { $previous } en { $program } ha terminado. Sigue sumando para recuperarlo.
cat_tier_changed = Niveles

# El nivel en Mis tarjetas y en la respuesta al escaneo del personal.
card_tier = 🏅 { $tier } · ×{ $multiplier }
scan_tier = 🏅 { $tier } · ×{ $multiplier }

# La pantalla de niveles del dueño.
prog_tiers_button = 🏅 Niveles #{ $id }
tier_screen_title = 🏅 Niveles de #{ $id } { $program }
tier_screen_none = Aún no hay niveles: todos los clientes ganan lo mismo.
tier_screen_line = • { $tier }: desde { $threshold } ganados, ×{ $multiplier }
tier_window_lifetime = Los niveles cuentan todo lo que un cliente ha ganado desde siempre.
tier_window_months = Los niveles cuentan lo que un cliente ganó { $months ->
        [one] el último mes
       *[other] en los últimos { $months } meses
    }.
tier_screen_help =
    Añadir o cambiar un nivel: /tiers { $id } Plata 500 1.25
    Quitar uno: /tiers { $id } remove Plata
    Periodo: /tiers { $id } window 12 (o: window none)
tier_add_button = ➕ Añadir o cambiar un nivel
tier_remove_button = 🗑 { $tier }
tier_window_button = 🗓 Periodo
tier_ask_line = Envía el nivel en una línea: su nombre, los puntos ganados para alcanzarlo y el multiplicador de 1 a 5. Por ejemplo: Plata 500 1.25
tier_ask_window = ¿Cuántos meses de puntos ganados cuentan para el nivel? Envía de 1 a 120, o 0 para contar todo lo ganado desde siempre.
tier_set_done = ✅ Nivel { $tier } guardado.
tier_removed_done = ✅ Nivel { $tier } eliminado.
tier_window_done = ✅ Periodo guardado.
tier_changes_later = Los clientes pasan a su nuevo nivel en su próxima visita o en la próxima revisión, y se les avisa.

# Rechazos: no se cambió nada.
tier_usage =
    Uso: /tiers ID, o /tiers ID NOMBRE PUNTOS MULTIPLICADOR (p. ej. /tiers 3 Plata 500 1.25),
    /tiers ID remove NOMBRE, /tiers ID window MESES (o: window none).
tier_line_usage = Envía un nombre, los puntos ganados y el multiplicador, por ejemplo: Plata 500 1.25
tier_name_empty = Un nivel necesita un nombre.
tier_name_too_long = El nombre de un nivel puede tener como máximo { $maximum } caracteres.
tier_bad_threshold = Los puntos de un nivel deben ser un número entero de 1 a { $maximum }.
tier_bad_multiplier = «{ $value }» no es un multiplicador: usa un número de 1 a 5 con dos decimales como máximo, como 1.25.
tier_name_twice = Dos niveles no pueden tener el mismo nombre.
tier_threshold_twice = Otro nivel ya empieza en { $threshold }: cada nivel necesita más puntos que el anterior.
tier_multiplier_falls = { $upper } necesita más puntos que { $lower }, así que su multiplicador no puede ser menor.
tier_too_many = Un programa puede tener como máximo { $maximum } niveles.
tier_bad_window = El periodo es un número de meses de { $minimum } a { $maximum }, o none.
tier_not_found = No hay ningún nivel llamado «{ $name }» en este programa.
