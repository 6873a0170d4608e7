## Attributions groupées aux clients d’un niveau (domain/growth/bulk.py, segment tier:NOM).

bulk_unknown_tier = Ce programme n’a aucun niveau nommé { $tier }. Ses niveaux : { $tiers }. Rien n’a été attribué.
bulk_no_tiers = Ce programme n’a pas de niveaux : aucun client n’est { $tier }. Créez des niveaux avec /tiers. Rien n’a été attribué.
