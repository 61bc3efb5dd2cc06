from guides.text import split_names


def test_split_names():
    assert split_names("房产证、不动产证, 产权证；房产证\n") == ["房产证", "不动产证", "产权证"]
    assert split_names("") == []
    assert split_names(None) == []
