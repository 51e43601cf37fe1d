"""Account pages: profiles, dashboards, sign-up with invitations, leaving with an export."""
