## Où l’on trouve les nouvelles commandes : descriptions du menu et lignes de /help et /bhelp.

cmd_birthday = Mon anniversaire, pour les cadeaux d’anniversaire
cmd_tiers = Niveaux d’un programme
cmd_expiry = Expiration des points d’un programme
cmd_bulkaward = Des points à beaucoup de clients à la fois
cmd_activity = Ce que chaque membre du personnel a fait
cmd_awardalert = Alerte sur les gros ajouts manuels

help_growth =
    Et aussi :
    • /refer : votre lien pour inviter un ami ; vous recevez tous deux un bonus après sa première visite.
    • /promo CODE : saisir un code promo.
    • /birthday : votre anniversaire (jour.mois), pour les cadeaux d’anniversaire.

loyalty_bhelp =
    Récompenses, niveaux, expiration et codes promo (propriétaires)
    /programs → 🎁 Récompenses de #ID : l’échelle des récompenses (ajouter, renommer, changer le coût, retirer ; garder ou dépenser les tampons)
    /tiers <id du programme> : les niveaux, leurs multiplicateurs et la période (ou /tiers 3 Silver 500 1.25)
    /expiry <id du programme> <jours> [<jours d’avance>] : expiration des points (ou /expiry 3 off)
    /newpromo : codes promo, à usage unique ou partagés
