"""URLs of shared places."""

app_name = "places"

urlpatterns = []
