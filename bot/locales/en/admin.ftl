# Platform operators: /admin, approvals, suspensions, ownership, error alerts.
cmd_admin = Operators: businesses, approve, suspend
admin_header = Businesses: { $total } · page { $page }/{ $pages }
admin_business_line =
    #{ $id } { $business } · { $status }
    Owner: { $owner } ({ $owner_id }) · staff: { $staff }
    Customers: { $customers } · cards: { $cards }
    Last 30 days: scans { $scans }, points issued { $issued }
admin_status_active = active
admin_status_suspended = ⛔ suspended
admin_status_awaiting = ⏳ awaiting approval
btn_admin_approve = ✅ Approve
btn_admin_approve_n = ✅ Approve #{ $id }
btn_admin_suspend = ⛔ Suspend #{ $id }
btn_admin_resume = ▶ Resume #{ $id }
admin_approved = { $business } is approved.
admin_suspended = { $business } is suspended.
admin_resumed = { $business } is active again.
admin_transfer_usage = Usage: /admin transfer BUSINESS_ID TELEGRAM_ID (the new owner must have talked to the bot).
admin_transferred = { $business } now belongs to { $owner }; the previous owner stays as staff.
admin_new_business = 🆕 New business #{ $business_id }: { $business } (owner: { $owner }). It can scan and invite once you approve it.
admin_error_alert = ⚠️ An update failed: { $error } at { $where }. Alerts held back since the last one: { $skipped }.
biz_approved = ✅ { $business } is approved: you can scan and invite customers now.
biz_suspended = ⛔ { $business } is suspended by the platform: no scans, invitations or broadcasts. Customers keep their cards.
biz_resumed = ▶ { $business } is active again.
biz_ownership_received = 👑 You are now the owner of { $business }.
biz_ownership_given = { $business } has a new owner; you stay as staff.
biz_awaiting_approval = ⏳ An operator approves new businesses: you can set up { $business } now, and scan and invite once it is approved.
business_awaiting_approval = This business is waiting for an operator's approval.
user_not_found = That person has not talked to the bot yet.
