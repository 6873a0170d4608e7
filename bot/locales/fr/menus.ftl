## Menus de commandes : la description de chaque commande, telle que le menu de Telegram l'affiche

cmd_start = Démarrer et afficher le menu
cmd_qr = Mon QR code
cmd_cards = Mes cartes de fidélité
cmd_history = Mes derniers points
cmd_requests = Demandes qui attendent ma réponse
cmd_settings = Les messages que je reçois
cmd_newqr = Remplacer mon QR code
cmd_help = Comment ça marche
cmd_code = Scanner avec le code saisi du client
cmd_customers = Nos clients
cmd_programs = Programmes de fidélité
cmd_newprogram = Créer un programme
cmd_staff = Personnel et lien d'invitation
cmd_stats = Statistiques
cmd_export = Exporter clients et mouvements en CSV
cmd_poster = Une affiche d'inscription à imprimer
cmd_broadcast = Message à tous les clients
cmd_business = Choisir le commerce pour lequel agir
cmd_bhelp = Aide pour le personnel
cmd_timezone = Fuseau horaire du commerce
