"""办理地点: the demo city's service halls and their opening hours."""

CIVIC = "临江市市民中心政务服务大厅"
DONGHU = "临江市东湖区政务服务中心"
ESTATE = "临江市不动产登记服务大厅"

_WEEKDAYS = [
    {"days": "周一至周五", "opens": "09:00", "closes": "12:00"},
    {"days": "周一至周五", "opens": "13:30", "closes": "17:00"},
]

HALLS = [
    {
        "name": CIVIC,
        "address": "临江市滨江区市民大道100号市民中心B座一至三楼",
        "phone": "0000-86100000",
        "opening_hours": [*_WEEKDAYS, {"days": "周六", "opens": "09:00", "closes": "12:00"}],
        "holiday_note": "法定节假日休息；周六上午提供户籍、社保、不动产查询等高频事项延时服务",
        "transit_note": "地铁2号线市民中心站C口出，步行约200米；公交18路、56路市民中心站",
        "latitude": "30.256410",
        "longitude": "120.205870",
    },
    {
        "name": DONGHU,
        "address": "临江市东湖区湖滨路58号",
        "phone": "0000-86200000",
        "opening_hours": [
            *_WEEKDAYS,
            {"days": "周二、周四（延时服务）", "opens": "17:00", "closes": "19:00"},
        ],
        "holiday_note": "法定节假日休息；周二、周四延时至19:00，仅受理社保、医保、户籍事项",
        "transit_note": "地铁4号线东湖公园站A口出，步行约500米；公交7路、33路湖滨路口站",
        "latitude": "30.281930",
        "longitude": "120.256440",
    },
    {
        "name": ESTATE,
        "address": "临江市西城区建设路26号",
        "phone": "0000-86300000",
        "opening_hours": [*_WEEKDAYS, {"days": "周六", "opens": "09:00", "closes": "12:00"}],
        "holiday_note": "法定节假日休息；周六上午仅办理预约的二手房转移登记和抵押登记",
        "transit_note": "地铁1号线建设路站B口出，步行约300米；大厅地下停车场可停车1小时免费",
        "latitude": "30.241270",
        "longitude": "120.158820",
    },
]
