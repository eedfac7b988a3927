def test_spanish_404_speaks_to_the_visitor_as_tu(client, demo):
    response = client.get("/es/no-existe-esta-pagina/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Busca en el sitio o vuelve a empezar desde la página de inicio." in html
    assert "Busque" not in html and "vuelva" not in html
