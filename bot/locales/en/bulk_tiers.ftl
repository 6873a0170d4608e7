## Bulk awards to a tier's customers (domain/growth/bulk.py, segment tier:NAME).

bulk_unknown_tier = This program has no tier called { $tier }. Its tiers: { $tiers }. Nothing was awarded.
bulk_no_tiers = This program has no tiers, so no customer holds { $tier }. Set tiers with /tiers. Nothing was awarded.
