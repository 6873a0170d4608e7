## Dónde se encuentran los comandos nuevos: descripciones del menú y líneas de /help y /bhelp.

cmd_birthday = Mi cumpleaños, para regalos de cumpleaños
cmd_tiers = Niveles de un programa
cmd_expiry = Caducidad de los puntos de un programa
cmd_bulkaward = Puntos a muchos clientes a la vez
cmd_activity = Lo que hizo cada miembro del personal
cmd_awardalert = Alerta de premios manuales grandes

help_growth =
    Más:
    • /refer: tu enlace para invitar a un amigo; los dos recibís un bono tras su primera visita.
    • /promo CÓDIGO: introduce un código promocional.
    • /birthday: tu cumpleaños (día.mes), para regalos de cumpleaños.

loyalty_bhelp =
    Premios, niveles, caducidad y códigos promocionales (propietarios)
    /programs → 🎁 Recompensas de #ID: la escalera de recompensas (añadir, renombrar, cambiar el coste, quitar; conservar o gastar los sellos)
    /tiers <id del programa>: niveles, sus multiplicadores y el periodo (o /tiers 3 Silver 500 1.25)
    /expiry <id del programa> <días> [<días de aviso>]: caducidad de los puntos (o /expiry 3 off)
    /newpromo: códigos promocionales, de un solo uso o compartidos
