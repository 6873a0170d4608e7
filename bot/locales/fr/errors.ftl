## Textes des clés de DomainError et des autres refus.

error = Un problème est survenu. Veuillez réessayer.
not_found = Introuvable.
not_allowed = Vous ne pouvez pas faire cela.
invalid_input = Cela ne semble pas correct.
not_staff = Seul le personnel de ce commerce peut faire cela.
not_owner = Seul le propriétaire du commerce peut faire cela.
business_not_found = Ce commerce n'existe pas.
business_suspended = Ce commerce est suspendu.
program_not_found = Ce programme n'existe pas (ou appartient à un autre commerce).
program_inactive = Ce programme n'est plus actif.
no_default_program = Aucun programme actif pour attribuer des points. Créez-en un avec /newprogram.
card_not_found = Cette carte n'existe pas (ou appartient à un autre commerce).
customer_not_found = Je ne connais pas encore ce client. Demandez-lui d'ouvrir le bot et d'appuyer sur Démarrer.
entry_not_found = Il n'y a rien à annuler ici.
invite_not_found = Ce lien d'invitation n'est pas valide (il a peut-être été remplacé).
staff_not_found = Cette personne ne fait pas partie du personnel ici.
cannot_remove_owner = Le propriétaire ne peut pas être retiré.
already_enrolled = Ce client a déjà une carte dans ce programme.
amount_not_integer = La quantité doit être un nombre entier, comme 5.
amount_not_positive = La quantité doit être supérieure à zéro.
amount_too_large = Cette quantité est trop grande (au plus { $maximum }).
insufficient_balance = Solde insuffisant sur la carte : le solde est de { $balance }, il en faut { $needed }.
daily_cap_reached = La limite quotidienne de cette carte est atteinte (il reste { $room } pour aujourd'hui).
request_not_found = Cette demande n'existe pas.
not_your_request = Cette demande ne vous est pas adressée.
request_approved = Cette demande a déjà été approuvée.
request_rejected = Cette demande a déjà été refusée.
request_expired = Cette demande a expiré.
request_cancelled = Cette demande a été annulée.
request_already_pending = Le client n'a pas encore répondu à la demande précédente ; attendez sa réponse ou son expiration.
name_empty = Le nom { $what } ne peut pas être vide.
name_too_long = Le nom { $what } est trop long (au plus { $maximum ->
        [one] { $maximum } caractère
       *[other] { $maximum } caractères
    }).
reason_too_long = Le motif est trop long (au plus { $maximum ->
        [one] { $maximum } caractère
       *[other] { $maximum } caractères
    }).
daily_cap_below_scan = Le plafond quotidien ne peut pas être inférieur à la quantité par scan.
unknown_category = Catégorie de notification inconnue.
category_always_on = Les demandes qui attendent votre réponse sont toujours envoyées.
stale_button = Ce bouton n'est plus valide.
already_done = C'est déjà fait.
unknown_command = Je ne connais pas cette commande. Envoyez /help pour voir ce que je sais faire.
text_too_long = Ce message est trop long pour moi ; merci de faire plus court.
photo_not_staff = Seul le personnel d'un commerce peut scanner des codes. Pour montrer votre propre code, appuyez sur « Mon QR ».
qr_none = Je n'ai trouvé aucun QR code sur cette photo. Réessayez de plus près, avec moins de reflets.
qr_not_ours = Ce QR code n'est pas un code de fidélité de ce bot.
not_an_image = Ce fichier n'est pas une image que je sais lire.
truncated_image = Cette image est incomplète ou endommagée ; merci de la renvoyer.
image_too_large = Cette image est trop lourde (20 Mo maximum).
timeout = La lecture de cette image a pris trop de temps ; merci d'envoyer une photo plus nette.
document_not_image = Merci d'envoyer le QR code comme photo, pas comme fichier.
unknown_language = Je ne parle pas encore cette langue.
bad_time_zone = Je ne connais pas le fuseau horaire « { $zone } ». Utilisez un nom comme Europe/Paris ou Africa/Casablanca.
