from .comments import Comment, CommentStatus
from .get_involved import GetInvolvedPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .resources import Resource, ResourceIndexPage
from .standard import StandardPage

__all__ = [
    "Comment",
    "CommentStatus",
    "GetInvolvedPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Resource",
    "ResourceIndexPage",
    "StandardPage",
]
