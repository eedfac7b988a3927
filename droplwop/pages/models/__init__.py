from .comments import Comment, CommentStatus
from .get_involved import GetInvolvedPage
from .home import HomePage
from .news import NewsPage, NewsPageTag
from .news_index import NewsIndexPage
from .resource_index import ResourceIndexPage
from .resources import Resource
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
