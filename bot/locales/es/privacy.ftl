# Consentimiento y privacidad: «no me invites más», /leave, /forgetme.
cmd_leave = Salir de un programa
cmd_forgetme = Borrar mis datos personales
btn_never_invite = 🚫 No me invites más
never_invite_done = { $business } no volverá a invitarte.
invitation_declined = Este negocio no puede invitar a este cliente ahora.
card_left = El cliente salió de este programa.
leave_nothing = No tienes tarjetas de las que salir.
leave_pick = ¿De qué programa quieres salir? La tarjeta y su saldo se guardan como historial pero dejan de funcionar; si vuelves a unirte, los recuperas.
btn_leave_card = { $business } · { $program }
leave_done = Saliste del programa. Tu tarjeta y su saldo se guardan como historial; no recibirás más puntos, invitaciones ni noticias de él.
forget_ask = Esto borra tu nombre y tu nombre de usuario aquí y cambia tu código QR. Tus tarjetas y su historial se quedan, con un número en lugar de tu nombre, para que las cuentas de las tiendas cuadren. Tu idioma se mantiene.
btn_forget_confirm = 🗑 Sí, borra mis datos
forget_done = Hecho: tu nombre y tu nombre de usuario están borrados y tu código QR es nuevo.
