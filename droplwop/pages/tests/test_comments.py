import pytest
from django.conf import settings

from droplwop.core.models import AuditEntry
from droplwop.pages import services
from droplwop.pages.models import Comment, CommentStatus
from droplwop.supporters.models import Activity, Supporter

COMMENTS_PER_WINDOW = settings.FORM_LIMITS["pages.comment"][0]


def _approve(*comments):
    services.moderate_comments(comments=comments, status=CommentStatus.APPROVED, actor=None)


def test_comment_is_held_for_moderation_and_linked_to_a_supporter(client, post_en, send_comment):
    response = send_comment(post_en, body="Bring them home.")
    assert response.status_code == 302
    assert response["Location"] == f"{post_en.url}?comment=sent#comments"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.author_name == "Ana Ruiz"
    assert comment.supporter.email == "ana@example.org"
    assert (comment.supporter.first_name, comment.supporter.last_name) == ("Ana", "Ruiz")
    assert len(comment.ip_hash) == 32 and "127.0.0.1" not in comment.ip_hash
    activity = Activity.objects.get(supporter=comment.supporter)
    assert activity.kind == "pages.commented"
    html = client.get(post_en.url).content.decode()
    assert "Bring them home." not in html
    sent = client.get(response["Location"]).content.decode()
    assert "once a moderator has read it" in sent


def test_approved_comment_shows_escaped_and_email_never_shown(client, post_en, send_comment):
    send_comment(post_en, name="<b>Eve</b>", body='<script>alert("x")</script>\nSecond line')
    _approve(Comment.objects.get())
    html = client.get(post_en.url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert "ana@example.org" not in html


def test_honeypot_answers_like_success_and_stores_nothing(post_en, send_comment):
    response = send_comment(post_en, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert not Supporter.objects.filter(email="ana@example.org").exists()


def test_foreign_or_missing_origin_is_refused_with_text_kept(post_en, send_comment):
    for origin in ("https://evil.example", None):
        response = send_comment(post_en, origin=origin, body="Kept words")
        assert response.status_code == 403
        assert "Kept words" in response.content.decode()
    assert not Comment.objects.exists()


def test_rate_limit_per_address(post_en, send_comment):
    for number in range(COMMENTS_PER_WINDOW):
        assert send_comment(post_en, body=f"Comment {number}").status_code == 302
    response = send_comment(post_en, body="One too many")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please try again later" in html
    assert "One too many" in html
    assert Comment.objects.count() == COMMENTS_PER_WINDOW


def test_empty_comment_gets_a_translated_message_and_keeps_what_was_typed(post_es, send_comment):
    response = send_comment(post_es, language="es", name="María López", body="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Escribe un comentario antes de enviarlo." in html
    assert 'value="María López"' in html
    assert 'aria-describedby="comment-body-help comment-body-error"' in html
    assert not Comment.objects.exists()
    assert not Supporter.objects.filter(email="ana@example.org").exists()


def test_oversized_comment_is_refused_with_the_text_kept(post_en, send_comment):
    long_text = "word " * 700
    response = send_comment(post_en, body=long_text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "please shorten it to 3,000 or fewer" in html or "3000 or fewer" in html
    assert long_text.strip() in html
    assert not Comment.objects.exists()


def test_bad_email_is_refused(post_en, send_comment):
    response = send_comment(post_en, email="not-an-address")
    assert response.status_code == 400
    assert "name@example.org" in response.content.decode()


def test_replies_stay_one_level_deep(client, post_en, send_comment):
    send_comment(post_en, body="Opening comment")
    top = Comment.objects.get()
    _approve(top)
    assert send_comment(post_en, body="A reply", parent=top.pk).status_code == 302
    reply = Comment.objects.get(body="A reply")
    assert reply.parent == top
    _approve(reply)
    send_comment(post_en, body="Reply to the reply", parent=reply.pk)
    assert Comment.objects.get(body="Reply to the reply").parent == top
    html = client.get(post_en.url).content.decode()
    assert html.index("Opening comment") < html.index("A reply")
    assert f'id="reply-{top.pk}-body"' in html
    assert f'id="reply-{reply.pk}-body"' not in html


def test_reply_to_a_hidden_comment_is_refused(post_en, post_es, send_comment):
    send_comment(post_en, body="Still pending")
    pending = Comment.objects.get()
    response = send_comment(post_en, body="Reply text", parent=pending.pk)
    assert response.status_code == 400
    assert "Reply text" in response.content.decode()
    _approve(pending)
    # A comment of another post cannot be replied to from this one.
    assert send_comment(post_es, language="es", body="x", parent=pending.pk).status_code == 400
    assert Comment.objects.count() == 1


def test_rejected_comment_is_hidden_and_moderation_is_audited(
    client, post_en, send_comment, organizer
):
    send_comment(post_en, body="Not for the public")
    comment = Comment.objects.get()
    _approve(comment)
    assert "Not for the public" in client.get(post_en.url).content.decode()
    services.moderate_comments(comments=[comment], status=CommentStatus.REJECTED, actor=organizer)
    comment.refresh_from_db()
    assert comment.moderated_by == organizer
    assert "Not for the public" not in client.get(post_en.url).content.decode()
    actions = list(
        AuditEntry.objects.filter(object_type=comment._meta.label_lower, object_id=str(comment.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["comment.approved", "comment.rejected"]


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_comment_route_takes_only_post(client, post_en, method):
    assert getattr(client, method)(f"/en/comments/{post_en.pk}/").status_code == 405


def test_comment_on_unknown_post_is_404(send_comment, post_en):
    post_en.pk = 999999
    assert send_comment(post_en).status_code == 404


def test_organizer_moderates_in_bulk_from_the_admin_queue(client, post_en, send_comment, organizer):
    send_comment(post_en, body="First to approve")
    send_comment(post_en, body="Second to approve")
    ids = list(Comment.objects.values_list("pk", flat=True))
    client.force_login(organizer)
    queue = client.get("/admin/snippets/pages/comment/?status=pending")
    assert queue.status_code == 200
    assert "First to approve" in queue.content.decode()
    url = "/admin/bulk/pages/comment/approve/?" + "&".join(f"id={pk}" for pk in ids)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.APPROVED}
    client.logout()
    html = client.get(post_en.url).content.decode()
    assert "First to approve" in html and "Second to approve" in html


def test_staff_cannot_write_comments_in_the_admin(client, organizer):
    client.force_login(organizer)
    before = Comment.objects.count()
    response = client.get("/admin/snippets/pages/comment/add/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post("/admin/snippets/pages/comment/add/", {"body": "Staff voice"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Comment.objects.count() == before


def test_the_same_comment_sent_twice_is_kept_once(client, post_en, send_comment):
    for _attempt in range(2):
        response = send_comment(post_en, body="Bring them home.")
        assert response.status_code == 302
        assert response["Location"] == f"{post_en.url}?comment=sent#comments"
    comment = Comment.objects.get()
    assert Activity.objects.filter(supporter=comment.supporter).count() == 1
    # Different words from the same person are a new comment.
    send_comment(post_en, body="And soon.")
    assert Comment.objects.count() == 2
