"""Writes of the pages app: comments on news posts and their moderation."""

from django.db import transaction
from django.utils import timezone

from droplwop.core import page_cache
from droplwop.core.audit import record_audit
from droplwop.supporters.models import Supporter
from droplwop.supporters.services import find_or_create_supporter, record_activity

from .models.comments import Comment, CommentStatus
from .models.news import NewsPage


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.partition(" ")
    return first, last


@transaction.atomic
def submit_comment(
    *,
    post: NewsPage,
    name: str,
    email: str,
    body: str,
    ip_hash: str,
    language: str,
    parent: Comment | None = None,
) -> Comment:
    """Keep a visitor's comment for moderation and note it on the person's timeline.

    A reply to a reply is attached to the comment that opened the thread, so threads stay one
    level deep whatever a crafted form sends. The same text sent again by the same person at the
    same place (a double click, a resent form) is the comment already kept, not a second one.
    """
    if parent is not None:
        if parent.post_id != post.pk:
            raise ValueError("The comment replied to belongs to another post.")
        if parent.parent_id:
            parent = parent.parent
    first_name, last_name = _split_name(name)
    supporter, _created = find_or_create_supporter(
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        source="comment",
    )
    # Locking the person serializes two copies of one post sent at the same moment.
    Supporter.objects.select_for_update().filter(pk=supporter.pk).first()
    repeated = Comment.objects.filter(
        post=post, parent=parent, supporter=supporter, body=body
    ).first()
    if repeated is not None:
        return repeated
    comment = Comment.objects.create(
        post=post,
        parent=parent,
        supporter=supporter,
        author_name=name,
        body=body,
        ip_hash=ip_hash,
    )
    record_activity(
        supporter=supporter,
        kind="pages.commented",
        summary=f"Commented on “{post.title}”",
        obj=comment,
        data={"post_id": post.pk, "reply": parent is not None},
    )
    return comment


def moderate_comments(*, comments, status: str, actor) -> int:
    """Approve, reject or put back comments; each decision leaves an audit row."""
    if status not in CommentStatus.values:
        raise ValueError(f"Unknown comment status: {status}")
    ids = [comment.pk for comment in comments]
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        changed = (
            Comment.objects.filter(pk__in=ids)
            .exclude(status=status)
            .update(status=status, moderated_at=now, moderated_by=user)
        )
        for comment_id in ids:
            record_audit(
                actor=actor,
                action=f"comment.{status}",
                object_type="pages.comment",
                object_id=comment_id,
            )
        # Posts are cached for anonymous visitors; a comment shown or hidden changes them.
        transaction.on_commit(page_cache.bump_generation)
    return changed
