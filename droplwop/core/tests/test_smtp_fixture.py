from django.core.mail import send_mail


def test_mail_reaches_the_loopback_smtp_server(smtp_server):
    send_mail("Hola", "Cuerpo del mensaje", "from@example.org", ["person@example.org"])
    [message] = smtp_server.to("person@example.org")
    assert message["Subject"] == "Hola"
    assert "Cuerpo del mensaje" in message.get_content()
