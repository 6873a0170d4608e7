## The /stats chart: its title, panels and legend.

chart_title = { $business }: the last { $days } days
chart_visits = Visits
chart_issued = Points issued
chart_redeemed = Points redeemed
chart_new = New customers
chart_returning = Returning customers
chart_staff = Staff: scans and manual awards
chart_scans = Scans
chart_manual = Manual awards
chart_nobody = No staff activity yet
