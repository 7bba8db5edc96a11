"""Form helpers for the nhsuk template pack."""


class HintedLabel(str):
    """A choice label that carries a hint: the nhsuk pack shows it under that radio or checkbox option.

    Return one from ``label_from_instance`` (or use it in ``choices``): ``HintedLabel(name, hint)``.
    """

    hint: str = ""

    def __new__(cls, label: str, hint: str = ""):
        obj = super().__new__(cls, label)
        obj.hint = hint
        return obj
