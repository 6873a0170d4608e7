## Premios masivos a los clientes de un nivel (domain/growth/bulk.py, segmento tier:NOMBRE).

bulk_unknown_tier = Este programa no tiene ningún nivel llamado { $tier }. Sus niveles: { $tiers }. No se ha dado nada.
bulk_no_tiers = Este programa no tiene niveles, así que ningún cliente está en { $tier }. Crea niveles con /tiers. No se ha dado nada.
