"""Citizens' feedback on a guide (这个页面有用吗, 纠错, 好差评): the public forms and their view, the ratings
shown on the guide, and the editors' inbox. The Feedback model stays in guides/models/feedback.py."""
