from django.http import JsonResponse
from django.urls import path


def hello(request):
    return JsonResponse({"status": "ok", "items": [{"id": 1, "name": "Essaim"}]})


urlpatterns = [path("hello", hello)]
