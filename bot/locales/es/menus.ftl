## Menús de comandos: la descripción de cada comando, tal como la muestra el menú de Telegram

cmd_start = Empezar y mostrar el menú
cmd_qr = Mi código QR
cmd_cards = Mis tarjetas de fidelidad
cmd_history = Mis últimos puntos
cmd_requests = Solicitudes pendientes de respuesta
cmd_settings = Qué mensajes recibo
cmd_newqr = Cambiar mi código QR
cmd_help = Cómo funciona
cmd_code = Escanear con el código escrito
cmd_customers = Nuestros clientes
cmd_programs = Programas de fidelidad
cmd_newprogram = Crear un programa
cmd_staff = Personal y enlace de invitación
cmd_stats = Estadísticas
cmd_export = Exportar clientes y movimientos en CSV
cmd_poster = Cartel para imprimir y unirse
cmd_broadcast = Mensaje a todos los clientes
cmd_business = Elegir el negocio con el que trabajar
cmd_bhelp = Ayuda para el personal
cmd_timezone = Zona horaria del negocio
