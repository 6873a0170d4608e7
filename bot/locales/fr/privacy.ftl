# Consentement et vie privée : « ne plus m'inviter », /leave, /forgetme.
cmd_leave = Quitter un programme
cmd_forgetme = Effacer mes données personnelles
btn_never_invite = 🚫 Ne plus m'inviter
never_invite_done = { $business } ne vous invitera plus.
invitation_declined = Ce commerce ne peut pas inviter ce client pour le moment.
card_left = Le client a quitté ce programme.
leave_nothing = Vous n'avez aucune carte à quitter.
leave_pick = Quel programme voulez-vous quitter ? La carte et son solde sont gardés dans l'historique mais ne fonctionnent plus ; en rejoignant à nouveau, vous les retrouvez.
btn_leave_card = { $business } · { $program }
leave_done = Vous avez quitté le programme. Votre carte et son solde sont gardés dans l'historique ; plus de points, d'invitations ni de nouvelles de sa part.
forget_ask = Cela efface votre nom et votre nom d'utilisateur ici et remplace votre code QR. Vos cartes et leur historique restent, sous un numéro au lieu de votre nom, pour que les comptes des commerces restent justes. Votre langue est conservée.
btn_forget_confirm = 🗑 Oui, effacer mes données
forget_done = C'est fait : votre nom et votre nom d'utilisateur sont effacés, et votre code QR est nouveau.
