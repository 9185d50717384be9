from essaim.business.data.sectors import SECTORS
from essaim.business.enums import Sector, band_rank, sectors_for_naf


def test_naf_codes_fall_in_their_sector_the_longest_prefix_winning():
    assert sectors_for_naf("81.21Z") == ["nettoyage"]
    assert sectors_for_naf("8130Z") == ["espaces-verts"]
    assert sectors_for_naf("43.22A") == ["energie"]  # inside the building trade, the energy class
    assert sectors_for_naf("43.99C") == ["batiment"]
    assert sectors_for_naf("64.19Z") == []


def test_every_sector_has_a_label_and_naf_codes():
    assert len(Sector.values) == len(SECTORS) == 16
    assert all(naf for _key, _label, naf in SECTORS)
    assert band_rank("lt5k") < band_rank("gt215k") and band_rank("?") == -1
